//! Random but plausible French data: people, addresses, employers, dates and amounts.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

/// A commune: name, postal code, département code (3 chars, as in the numéro unique),
/// département name, préfecture.
#[derive(Clone, Copy, Debug)]
pub struct Commune {
    pub nom: &'static str,
    pub cp: &'static str,
    pub dep: &'static str,
    pub dep_nom: &'static str,
    pub prefecture: &'static str,
}

macro_rules! communes {
    ($(($n:expr, $cp:expr, $d:expr, $dn:expr, $p:expr)),* $(,)?) => {
        &[$(Commune { nom: $n, cp: $cp, dep: $d, dep_nom: $dn, prefecture: $p }),*]
    };
}

pub const COMMUNES: &[Commune] = communes![
    ("Paris", "75011", "075", "Paris", "Paris"),
    ("Paris", "75019", "075", "Paris", "Paris"),
    ("Paris", "75013", "075", "Paris", "Paris"),
    ("Rouen", "76000", "076", "Seine-Maritime", "Rouen"),
    ("Le Havre", "76600", "076", "Seine-Maritime", "Rouen"),
    ("Lille", "59000", "059", "Nord", "Lille"),
    ("Roubaix", "59100", "059", "Nord", "Lille"),
    ("Tourcoing", "59200", "059", "Nord", "Lille"),
    ("Lyon", "69008", "069", "Rhône", "Lyon"),
    ("Villeurbanne", "69100", "069", "Rhône", "Lyon"),
    ("Vénissieux", "69200", "069", "Rhône", "Lyon"),
    ("Marseille", "13003", "013", "Bouches-du-Rhône", "Marseille"),
    ("Marseille", "13015", "013", "Bouches-du-Rhône", "Marseille"),
    ("Toulouse", "31100", "031", "Haute-Garonne", "Toulouse"),
    ("Bordeaux", "33300", "033", "Gironde", "Bordeaux"),
    ("Mérignac", "33700", "033", "Gironde", "Bordeaux"),
    ("Nantes", "44300", "044", "Loire-Atlantique", "Nantes"),
    (
        "Saint-Nazaire",
        "44600",
        "044",
        "Loire-Atlantique",
        "Nantes"
    ),
    ("Strasbourg", "67100", "067", "Bas-Rhin", "Strasbourg"),
    ("Montpellier", "34070", "034", "Hérault", "Montpellier"),
    ("Rennes", "35200", "035", "Ille-et-Vilaine", "Rennes"),
    (
        "Saint-Denis",
        "93200",
        "093",
        "Seine-Saint-Denis",
        "Bobigny"
    ),
    ("Montreuil", "93100", "093", "Seine-Saint-Denis", "Bobigny"),
    (
        "Aubervilliers",
        "93300",
        "093",
        "Seine-Saint-Denis",
        "Bobigny"
    ),
    ("Créteil", "94000", "094", "Val-de-Marne", "Créteil"),
    ("Vitry-sur-Seine", "94400", "094", "Val-de-Marne", "Créteil"),
    ("Nanterre", "92000", "092", "Hauts-de-Seine", "Nanterre"),
    (
        "Gennevilliers",
        "92230",
        "092",
        "Hauts-de-Seine",
        "Nanterre"
    ),
    ("Argenteuil", "95100", "095", "Val-d'Oise", "Cergy"),
    ("Sarcelles", "95200", "095", "Val-d'Oise", "Cergy"),
    (
        "Évry-Courcouronnes",
        "91000",
        "091",
        "Essonne",
        "Évry-Courcouronnes"
    ),
    ("Mantes-la-Jolie", "78200", "078", "Yvelines", "Versailles"),
    ("Meaux", "77100", "077", "Seine-et-Marne", "Melun"),
    ("Metz", "57000", "057", "Moselle", "Metz"),
    ("Forbach", "57600", "057", "Moselle", "Metz"),
    ("Nancy", "54000", "054", "Meurthe-et-Moselle", "Nancy"),
    ("Reims", "51100", "051", "Marne", "Châlons-en-Champagne"),
    ("Amiens", "80000", "080", "Somme", "Amiens"),
    ("Dijon", "21000", "021", "Côte-d'Or", "Dijon"),
    ("Grenoble", "38100", "038", "Isère", "Grenoble"),
    ("Saint-Étienne", "42100", "042", "Loire", "Saint-Étienne"),
    (
        "Clermont-Ferrand",
        "63100",
        "063",
        "Puy-de-Dôme",
        "Clermont-Ferrand"
    ),
    ("Limoges", "87100", "087", "Haute-Vienne", "Limoges"),
    ("Tours", "37100", "037", "Indre-et-Loire", "Tours"),
    ("Orléans", "45100", "045", "Loiret", "Orléans"),
    ("Le Mans", "72100", "072", "Sarthe", "Le Mans"),
    ("Angers", "49100", "049", "Maine-et-Loire", "Angers"),
    ("Brest", "29200", "029", "Finistère", "Quimper"),
    ("Caen", "14000", "014", "Calvados", "Caen"),
    ("Nice", "06300", "006", "Alpes-Maritimes", "Nice"),
    ("Toulon", "83200", "083", "Var", "Toulon"),
    ("Avignon", "84000", "084", "Vaucluse", "Avignon"),
    ("Nîmes", "30900", "030", "Gard", "Nîmes"),
    (
        "Perpignan",
        "66000",
        "066",
        "Pyrénées-Orientales",
        "Perpignan"
    ),
    ("Pau", "64000", "064", "Pyrénées-Atlantiques", "Pau"),
    ("Mulhouse", "68200", "068", "Haut-Rhin", "Colmar"),
    ("Besançon", "25000", "025", "Doubs", "Besançon"),
    ("Poitiers", "86000", "086", "Vienne", "Poitiers"),
    ("Laon", "02000", "002", "Aisne", "Laon"),
    ("Saint-Quentin", "02100", "002", "Aisne", "Laon"),
    ("Bourg-en-Bresse", "01000", "001", "Ain", "Bourg-en-Bresse"),
    ("Troyes", "10000", "010", "Aube", "Troyes"),
    ("Beauvais", "60000", "060", "Oise", "Beauvais"),
    ("Creil", "60100", "060", "Oise", "Beauvais"),
    ("Valence", "26000", "026", "Drôme", "Valence"),
    ("Chartres", "28000", "028", "Eure-et-Loir", "Chartres"),
    ("Ajaccio", "20000", "02A", "Corse-du-Sud", "Ajaccio"),
    ("Bastia", "20200", "02B", "Haute-Corse", "Bastia"),
    (
        "Pointe-à-Pitre",
        "97110",
        "971",
        "Guadeloupe",
        "Basse-Terre"
    ),
    ("Les Abymes", "97139", "971", "Guadeloupe", "Basse-Terre"),
    (
        "Fort-de-France",
        "97200",
        "972",
        "Martinique",
        "Fort-de-France"
    ),
    ("Cayenne", "97300", "973", "Guyane", "Cayenne"),
    ("Saint-Denis", "97400", "974", "La Réunion", "Saint-Denis"),
    ("Saint-Pierre", "97410", "974", "La Réunion", "Saint-Denis"),
    ("Le Port", "97420", "974", "La Réunion", "Saint-Denis"),
    ("Mamoudzou", "97600", "976", "Mayotte", "Mamoudzou"),
];

pub const NOMS: &[&str] = &[
    "MARTIN",
    "BERNARD",
    "DUBOIS",
    "THOMAS",
    "ROBERT",
    "RICHARD",
    "PETIT",
    "DURAND",
    "LEROY",
    "MOREAU",
    "SIMON",
    "LAURENT",
    "LEFEBVRE",
    "MICHEL",
    "GARCIA",
    "DAVID",
    "BERTRAND",
    "ROUX",
    "VINCENT",
    "FOURNIER",
    "MOREL",
    "GIRARD",
    "ANDRE",
    "MERCIER",
    "DUPONT",
    "LAMBERT",
    "BONNET",
    "FRANCOIS",
    "MARTINEZ",
    "LEGRAND",
    "GARNIER",
    "FAURE",
    "ROUSSEAU",
    "BLANC",
    "GUERIN",
    "MULLER",
    "HENRY",
    "ROUSSEL",
    "NICOLAS",
    "PERRIN",
    "MORIN",
    "MATHIEU",
    "CLEMENT",
    "GAUTHIER",
    "DUMONT",
    "LOPEZ",
    "FONTAINE",
    "CHEVALIER",
    "ROBIN",
    "MASSON",
    "SANCHEZ",
    "GERARD",
    "NGUYEN",
    "BOYER",
    "DENIS",
    "LEMAIRE",
    "DUVAL",
    "JOLY",
    "ROGER",
    "ROCHE",
    "NOEL",
    "MEYER",
    "LUCAS",
    "MEUNIER",
    "PEREZ",
    "MARCHAND",
    "DUFOUR",
    "BLANCHARD",
    "BARBIER",
    "BRUN",
    "DUMAS",
    "BRUNET",
    "SCHMITT",
    "LEROUX",
    "COLIN",
    "FERNANDEZ",
    "RENARD",
    "ARNAUD",
    "CARON",
    "AUBERT",
    "GIRAUD",
    "LECLERC",
    "VIDAL",
    "BOURGEOIS",
    "RENAUD",
    "LEMOINE",
    "PICARD",
    "GAILLARD",
    "LACROIX",
    "FABRE",
    "DUPUIS",
    "OLIVIER",
    "RODRIGUEZ",
    "DA SILVA",
    "HUBERT",
    "LE GALL",
    "GUILLAUME",
    "DIALLO",
    "TRAORE",
    "KONATE",
    "DIOP",
    "BENALI",
    "HADDAD",
    "BENSAID",
    "BELKACEM",
    "CHERIF",
    "SAIDI",
    "MENDY",
    "CAMARA",
    "KEITA",
    "COULIBALY",
    "FOFANA",
    "N'DIAYE",
    "YILMAZ",
    "KAYA",
    "PEREIRA",
    "FERREIRA",
    "DOS SANTOS",
    "OLIVEIRA",
    "TRAN",
    "PHAM",
    "NKOUKA",
    "BAKAYOKO",
    "RAKOTOMALALA",
    "PAYET",
    "HOARAU",
    "GRONDIN",
    "LEBON",
    "ABDALLAH",
    "ATTOUMANI",
    "JEAN-BAPTISTE",
    "LOUIS-JEUNE",
    "BOUAZIZ",
    "EL AMRANI",
    "BOUCHAREB",
    "KOWALSKI",
    "NOWAK",
    "POPESCU",
    "ZAHIR",
    "SISSOKO",
    "TOURE",
    "BAMBA",
    "OUEDRAOGO",
    "MOREIRA",
    "LE ROUX",
    "LEFÈVRE",
    "HÉBERT",
    "GRÉGOIRE",
];

pub const PRENOMS_F: &[&str] = &[
    "Marie",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Catherine",
    "Sandrine",
    "Céline",
    "Aurélie",
    "Julie",
    "Émilie",
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Sarah",
    "Inès",
    "Fatima",
    "Aïcha",
    "Nadia",
    "Samira",
    "Yasmina",
    "Amina",
    "Mariama",
    "Fatoumata",
    "Aminata",
    "Sophie",
    "Laura",
    "Pauline",
    "Hélène",
    "Christine",
    "Valérie",
    "Stéphanie",
    "Océane",
    "Jessica",
    "Élodie",
    "Maëlle",
    "Zoé",
    "Lina",
    "Awa",
    "Khadija",
    "Leïla",
    "Ana",
    "Mélissa",
    "Jennifer",
    "Audrey",
    "Charlotte",
    "Anaïs",
    "Morgane",
    "Rose",
    "Louise",
    "Marie-Claire",
    "Anne-Sophie",
    "Djamila",
    "Kadiatou",
    "Naïma",
    "Saïda",
    "Ginette",
    "Monique",
    "Josiane",
    "Mireille",
    "Ophélie",
    "Elif",
];

pub const PRENOMS_M: &[&str] = &[
    "Jean",
    "Pierre",
    "Michel",
    "Philippe",
    "Alain",
    "Nicolas",
    "Christophe",
    "Stéphane",
    "Julien",
    "Thomas",
    "Kévin",
    "Maxime",
    "Lucas",
    "Hugo",
    "Théo",
    "Mohamed",
    "Karim",
    "Mehdi",
    "Youssef",
    "Rachid",
    "Samir",
    "Moussa",
    "Mamadou",
    "Ibrahima",
    "Abdoulaye",
    "Sébastien",
    "Frédéric",
    "David",
    "Laurent",
    "Olivier",
    "Éric",
    "Franck",
    "Jérôme",
    "Antoine",
    "Romain",
    "Yanis",
    "Adam",
    "Noah",
    "Bilal",
    "Ousmane",
    "Cédric",
    "Grégory",
    "Anthony",
    "Jordan",
    "Dylan",
    "Hamza",
    "Ali",
    "Mathieu",
    "Benoît",
    "Loïc",
    "Jean-Pierre",
    "Jean-Marc",
    "Patrick",
    "Gérard",
    "Daniel",
    "Sylvain",
    "Mickaël",
    "Kader",
    "Rayan",
    "Emre",
    "Dimitri",
    "Boubacar",
];

pub const VOIES: &[&str] = &[
    "rue Victor Hugo",
    "avenue Jean Jaurès",
    "rue de la République",
    "boulevard Pasteur",
    "allée des Lilas",
    "avenue du Général de Gaulle",
    "rue Émile Zola",
    "rue des Écoles",
    "rue de la Gare",
    "chemin du Moulin",
    "rue Gambetta",
    "avenue Jules Ferry",
    "rue Paul Vaillant-Couturier",
    "allée des Acacias",
    "rue Louise Michel",
    "boulevard Aristide Briand",
    "avenue de Verdun",
    "rue des Tilleuls",
    "impasse du Stade",
    "rue Anatole France",
    "place Jean Moulin",
    "rue Voltaire",
    "rue Lamartine",
    "rue du 8 Mai 1945",
    "rue Henri Barbusse",
    "avenue Pablo Picasso",
    "allée des Peupliers",
    "rue Nelson Mandela",
    "boulevard Simone Veil",
    "rue de Paris",
    "rue du Château",
    "cité des Fleurs",
    "rue Jean-Baptiste Clément",
    "avenue Salvador Allende",
    "rue Pierre Brossolette",
    "square Robespierre",
    "rue des Mimosas",
    "chemin des Vignes",
    "rue du Maréchal Foch",
    "avenue de la Libération",
];

pub const COMPLEMENTS: &[&str] = &[
    "Bât. B",
    "Bâtiment C, esc. 2",
    "Résidence Les Tilleuls",
    "Appt 34",
    "Apt 112, 3e étage",
    "Escalier A",
    "chez M. et Mme BENALI",
    "Porte 7",
    "Résidence du Parc, bât. 4",
    "Logement 21",
];

pub struct Nat {
    pub pays: &'static str,
    pub adj_f: &'static str,
    pub adj_m: &'static str,
    pub iso: &'static str,
}

pub const NATS: &[Nat] = &[
    Nat {
        pays: "Maroc",
        adj_f: "MAROCAINE",
        adj_m: "MAROCAIN",
        iso: "MAR",
    },
    Nat {
        pays: "Algérie",
        adj_f: "ALGÉRIENNE",
        adj_m: "ALGÉRIEN",
        iso: "DZA",
    },
    Nat {
        pays: "Tunisie",
        adj_f: "TUNISIENNE",
        adj_m: "TUNISIEN",
        iso: "TUN",
    },
    Nat {
        pays: "Sénégal",
        adj_f: "SÉNÉGALAISE",
        adj_m: "SÉNÉGALAIS",
        iso: "SEN",
    },
    Nat {
        pays: "Mali",
        adj_f: "MALIENNE",
        adj_m: "MALIEN",
        iso: "MLI",
    },
    Nat {
        pays: "Côte d'Ivoire",
        adj_f: "IVOIRIENNE",
        adj_m: "IVOIRIEN",
        iso: "CIV",
    },
    Nat {
        pays: "Cameroun",
        adj_f: "CAMEROUNAISE",
        adj_m: "CAMEROUNAIS",
        iso: "CMR",
    },
    Nat {
        pays: "Turquie",
        adj_f: "TURQUE",
        adj_m: "TURC",
        iso: "TUR",
    },
    Nat {
        pays: "Chine",
        adj_f: "CHINOISE",
        adj_m: "CHINOIS",
        iso: "CHN",
    },
    Nat {
        pays: "Haïti",
        adj_f: "HAÏTIENNE",
        adj_m: "HAÏTIEN",
        iso: "HTI",
    },
    Nat {
        pays: "Comores",
        adj_f: "COMORIENNE",
        adj_m: "COMORIEN",
        iso: "COM",
    },
    Nat {
        pays: "Congo",
        adj_f: "CONGOLAISE",
        adj_m: "CONGOLAIS",
        iso: "COG",
    },
    Nat {
        pays: "Guinée",
        adj_f: "GUINÉENNE",
        adj_m: "GUINÉEN",
        iso: "GIN",
    },
    Nat {
        pays: "Viêt Nam",
        adj_f: "VIETNAMIENNE",
        adj_m: "VIETNAMIEN",
        iso: "VNM",
    },
    Nat {
        pays: "Sri Lanka",
        adj_f: "SRI-LANKAISE",
        adj_m: "SRI-LANKAIS",
        iso: "LKA",
    },
    Nat {
        pays: "Afghanistan",
        adj_f: "AFGHANE",
        adj_m: "AFGHAN",
        iso: "AFG",
    },
    Nat {
        pays: "Ukraine",
        adj_f: "UKRAINIENNE",
        adj_m: "UKRAINIEN",
        iso: "UKR",
    },
    Nat {
        pays: "Roumanie",
        adj_f: "ROUMAINE",
        adj_m: "ROUMAIN",
        iso: "ROU",
    },
];

pub const VILLES_NAISSANCE_ETRANGER: &[(&str, usize)] = &[
    ("Casablanca", 0),
    ("Oujda", 0),
    ("Alger", 1),
    ("Oran", 1),
    ("Tunis", 2),
    ("Sfax", 2),
    ("Dakar", 3),
    ("Bamako", 4),
    ("Kayes", 4),
    ("Abidjan", 5),
    ("Douala", 6),
    ("Yaoundé", 6),
    ("Istanbul", 7),
    ("Wenzhou", 8),
    ("Port-au-Prince", 9),
    ("Moroni", 10),
    ("Brazzaville", 11),
    ("Conakry", 12),
    ("Hô Chi Minh-Ville", 13),
    ("Jaffna", 14),
    ("Kaboul", 15),
    ("Kharkiv", 16),
    ("Bucarest", 17),
];

pub struct Employer {
    pub nom: String,
    pub forme: &'static str,
    pub siret: String,
    pub ape: String,
    pub adresse: String,
    pub ville: String,
    pub convention: &'static str,
    pub interim: bool,
}

const EMP_BASES: &[(&str, &str)] = &[
    (
        "Propreté Services Plus",
        "Convention collective des entreprises de propreté",
    ),
    (
        "Transports {N} et Fils",
        "Convention collective des transports routiers",
    ),
    (
        "Boulangerie du {V}",
        "Convention collective de la boulangerie-pâtisserie",
    ),
    (
        "Distri {V} Hypermarché",
        "Convention collective du commerce de détail et de gros à prédominance alimentaire",
    ),
    (
        "Clinique {V} Santé",
        "Convention collective de l'hospitalisation privée",
    ),
    (
        "EHPAD Les Jardins d'Automne",
        "Convention collective nationale du 31 octobre 1951",
    ),
    (
        "Sécurité Protection {V}",
        "Convention collective des entreprises de prévention et de sécurité",
    ),
    (
        "Restaurant Le Petit Zinc",
        "Convention collective des hôtels, cafés, restaurants",
    ),
    (
        "Bâtiment {N} Construction",
        "Convention collective des ouvriers du bâtiment",
    ),
    (
        "Logistique Express {V}",
        "Convention collective des transports routiers et activités auxiliaires",
    ),
    (
        "Aide à Domicile {V}",
        "Convention collective de la branche de l'aide à domicile",
    ),
    (
        "Garage {N} Automobiles",
        "Convention collective des services de l'automobile",
    ),
    ("Informatique Conseil {V}", "Convention collective Syntec"),
    (
        "Cabinet médical du Parc",
        "Convention collective du personnel des cabinets médicaux",
    ),
    (
        "Restauration Collective {V}",
        "Convention collective de la restauration collective",
    ),
    (
        "Intérim {V} Emploi",
        "Accords nationaux du travail temporaire",
    ),
    (
        "Travail Temporaire {N}",
        "Accords nationaux du travail temporaire",
    ),
];

pub const POSTES: &[&str] = &[
    "Agent d'entretien",
    "Employé libre-service",
    "Aide-soignant",
    "Hôte de caisse",
    "Agent de sécurité",
    "Préparateur de commandes",
    "Conducteur receveur",
    "Auxiliaire de vie",
    "Serveur",
    "Secrétaire médicale",
    "Magasinier cariste",
    "Technicien de maintenance",
    "Assistant administratif",
    "Commis de cuisine",
    "Vendeur",
    "Maçon qualifié",
    "Infirmier",
    "Agent de propreté",
    "Chauffeur livreur",
    "Animateur périscolaire",
    "Plongeur",
    "Agent des services hospitaliers",
    "Employé polyvalent",
    "Manutentionnaire",
];

/// Sex of a person.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sexe {
    F,
    M,
}

#[derive(Clone, Debug)]
pub struct Person {
    pub nom: String,
    pub prenom: String,
    /// Other given names (for identity documents).
    pub autres_prenoms: Vec<String>,
    pub sexe: Sexe,
    pub naissance: NaiveDate,
    pub lieu_naissance: String,
    /// `None`: French.
    pub nat: Option<usize>,
}

impl Person {
    /// The same person (name and date of birth).
    pub fn same(&self, o: &Person) -> bool {
        self.nom == o.nom && self.prenom == o.prenom && self.naissance == o.naissance
    }
    pub fn civilite(&self) -> &'static str {
        match self.sexe {
            Sexe::F => "Madame",
            Sexe::M => "Monsieur",
        }
    }
    pub fn civ_court(&self) -> &'static str {
        match self.sexe {
            Sexe::F => "Mme",
            Sexe::M => "M.",
        }
    }
    pub fn ne(&self) -> &'static str {
        match self.sexe {
            Sexe::F => "née",
            Sexe::M => "né",
        }
    }
    pub fn sexe_lettre(&self) -> &'static str {
        match self.sexe {
            Sexe::F => "F",
            Sexe::M => "M",
        }
    }
    pub fn prenoms(&self) -> String {
        let mut v = vec![self.prenom.clone()];
        v.extend(self.autres_prenoms.iter().cloned());
        v.join(", ")
    }
    pub fn nationalite(&self) -> &'static str {
        match self.nat {
            None => match self.sexe {
                Sexe::F => "Française",
                Sexe::M => "Français",
            },
            Some(i) => match self.sexe {
                Sexe::F => NATS[i].adj_f,
                Sexe::M => NATS[i].adj_m,
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct Address {
    pub ligne: String,
    pub complement: Option<String>,
    pub commune: Commune,
}

impl Address {
    pub fn ville_ligne(&self) -> String {
        format!("{} {}", self.commune.cp, self.commune.nom.to_uppercase())
    }
    pub fn one_line(&self) -> String {
        match &self.complement {
            Some(c) => format!(
                "{}, {}, {} {}",
                c, self.ligne, self.commune.cp, self.commune.nom
            ),
            None => format!("{}, {} {}", self.ligne, self.commune.cp, self.commune.nom),
        }
    }
}

/// How a member of the household is linked to the applicant (the `lien` of `menage.csv`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lien {
    Conjoint,
    Codemandeur,
    Enfant,
    Autre,
}

impl Lien {
    pub fn as_str(self) -> &'static str {
        match self {
            Lien::Conjoint => "conjoint",
            Lien::Codemandeur => "codemandeur",
            Lien::Enfant => "enfant",
            Lien::Autre => "autre",
        }
    }
}

/// Everything about one applicant's household that the documents of a pli show.
pub struct Foyer {
    pub demandeur: Person,
    pub conjoint: Option<Person>,
    /// How the second adult is declared: `Conjoint` or `Codemandeur`.
    pub lien_conjoint: Lien,
    pub enfants: Vec<Person>,
    /// Other members of the household (a parent, a sibling): on no document.
    pub autres: Vec<Person>,
    pub adresse: Address,
    pub employeur: Employer,
    pub poste: &'static str,
    pub brut_mensuel: f64,
    pub embauche: NaiveDate,
    /// The number printed on the cover (contiguous form), if any.
    pub numero: Option<String>,
    pub date_depot: NaiveDate,
    /// Date printed on the cover (deposit, or last renewal).
    pub attestation: NaiveDate,
    pub guichet: String,
    /// "today" for the documents of this pli
    pub today: NaiveDate,
    pub allocataire: String,
    pub numero_fiscal: String,
    pub nir: String,
    pub ident_ft: String,
}

/// "de" before a commune name, with elision and contraction: `d'Avignon`, `du Havre`.
pub fn de(nom: &str) -> String {
    if let Some(rest) = nom.strip_prefix("Le ") {
        format!("du {rest}")
    } else if let Some(rest) = nom.strip_prefix("Les ") {
        format!("des {rest}")
    } else if nom.starts_with(['A', 'E', 'I', 'O', 'U', 'H', 'É', 'Î']) {
        format!("d'{nom}")
    } else {
        format!("de {nom}")
    }
}

/// "de" before a département name, with its article: `du Nord`, `de la Gironde`,
/// `de l'Hérault`, `des Yvelines`, `de Paris`.
pub fn dep_de(nom: &str) -> String {
    let du = [
        "Nord",
        "Rhône",
        "Var",
        "Doubs",
        "Gard",
        "Loiret",
        "Calvados",
        "Finistère",
        "Puy-de-Dôme",
        "Haut-Rhin",
        "Bas-Rhin",
        "Val-de-Marne",
        "Val-d'Oise",
        "Vaucluse",
    ];
    let des = [
        "Bouches-du-Rhône",
        "Hauts-de-Seine",
        "Yvelines",
        "Alpes-Maritimes",
        "Pyrénées-Orientales",
        "Pyrénées-Atlantiques",
    ];
    let plain = ["Paris", "Mayotte", "Maine-et-Loire", "La Réunion"];
    if du.contains(&nom) {
        format!("du {nom}")
    } else if des.contains(&nom) {
        format!("des {nom}")
    } else if plain.contains(&nom) {
        format!("de {nom}")
    } else if nom.starts_with(['A', 'E', 'I', 'O', 'U', 'H', 'É', 'Î']) {
        format!("de l'{nom}")
    } else {
        format!("de la {nom}")
    }
}

pub fn pick<'a, T, R: Rng>(rng: &mut R, xs: &'a [T]) -> &'a T {
    &xs[rng.gen_range(0..xs.len())]
}

pub fn digits<R: Rng>(rng: &mut R, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

pub fn date_between<R: Rng>(rng: &mut R, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(1);
    from + chrono::Duration::days(rng.gen_range(0..span))
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

pub fn person<R: Rng>(
    rng: &mut R,
    nom: Option<&str>,
    sexe: Option<Sexe>,
    born: (i32, i32),
) -> Person {
    let sexe = sexe.unwrap_or(if rng.gen_bool(0.55) { Sexe::F } else { Sexe::M });
    let pool = match sexe {
        Sexe::F => PRENOMS_F,
        Sexe::M => PRENOMS_M,
    };
    let prenom = pick(rng, pool).to_string();
    let mut autres = Vec::new();
    for _ in 0..rng.gen_range(0..3) {
        let p = pick(rng, pool).to_string();
        if p != prenom && !autres.contains(&p) {
            autres.push(p);
        }
    }
    let naissance = date_between(rng, ymd(born.0, 1, 1), ymd(born.1, 12, 31));
    let (lieu, nat) = if rng.gen_bool(0.62) {
        let c = pick(rng, COMMUNES);
        let lieu = if c.nom == "Paris" {
            format!("Paris {}e", c.cp[3..].trim_start_matches('0'))
        } else {
            c.nom.to_string()
        };
        (lieu, None)
    } else {
        let (v, n) = *pick(rng, VILLES_NAISSANCE_ETRANGER);
        let nat = if rng.gen_bool(0.6) { Some(n) } else { None };
        (format!("{} ({})", v, NATS[n].pays), nat)
    };
    Person {
        nom: nom
            .map(str::to_string)
            .unwrap_or_else(|| pick(rng, NOMS).to_string()),
        prenom,
        autres_prenoms: autres,
        sexe,
        naissance,
        lieu_naissance: lieu,
        nat,
    }
}

pub fn address<R: Rng>(rng: &mut R, commune: Option<Commune>) -> Address {
    let commune = commune.unwrap_or_else(|| *pick(rng, COMMUNES));
    let num = rng.gen_range(1..180);
    let bis = if rng.gen_bool(0.1) { " bis" } else { "" };
    Address {
        ligne: format!("{num}{bis} {}", pick(rng, VOIES)),
        complement: rng
            .gen_bool(0.4)
            .then(|| pick(rng, COMPLEMENTS).to_string()),
        commune,
    }
}

pub fn employer<R: Rng>(rng: &mut R, commune: Commune) -> Employer {
    let (base, conv) = *pick(rng, EMP_BASES);
    let family = *pick(rng, NOMS);
    let nom = base
        .replace("{N}", &titlecase(family))
        .replace("{V}", commune.nom);
    let forme = *pick(rng, &["SAS", "SARL", "SA", "EURL", "SASU", "Association"]);
    let interim = nom.contains("Intérim") || nom.contains("Temporaire");
    let addr = address(rng, Some(commune));
    Employer {
        nom,
        forme,
        siret: format!(
            "{} {} {} {}",
            digits(rng, 3),
            digits(rng, 3),
            digits(rng, 3),
            digits(rng, 5)
        ),
        ape: format!(
            "{}{}",
            digits(rng, 4),
            char::from(b'A' + rng.gen_range(0..26u8))
        ),
        adresse: addr.ligne,
        ville: addr.commune.cp.to_string() + " " + addr.commune.nom,
        convention: conv,
        interim,
    }
}

pub fn titlecase(s: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in s.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        up = c == ' ' || c == '-' || c == '\'';
    }
    out
}

pub const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

pub fn d_slash(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

pub fn d_long(d: NaiveDate) -> String {
    let day = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    format!("{} {} {}", day, MOIS[d.month0() as usize], d.year())
}

pub fn d_dots(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

pub fn d_iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn mois_annee(d: NaiveDate) -> String {
    format!("{} {}", MOIS[d.month0() as usize], d.year())
}

/// French amount: `1 234,56`.
pub fn num(x: f64) -> String {
    let cents = (x * 100.0).round() as i64;
    let neg = cents < 0;
    let cents = cents.abs();
    let units = cents / 100;
    let mut s = units.to_string();
    let mut out = String::new();
    while s.len() > 3 {
        let tail = s.split_off(s.len() - 3);
        out = format!(" {tail}{out}");
    }
    out = format!("{s}{out}");
    format!("{}{},{:02}", if neg { "-" } else { "" }, out, cents % 100)
}

pub fn eur(x: f64) -> String {
    format!("{} €", num(x))
}

pub fn add_months(d: NaiveDate, m: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + m;
    let y = total.div_euclid(12);
    let mo = total.rem_euclid(12) as u32 + 1;
    let day = d.day().min(28);
    ymd(y, mo, day)
}

/// MRZ-safe form of a name: ASCII capitals, `<` for separators.
pub fn mrz_name(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'A',
            'î' | 'ï' | 'Î' | 'Ï' => 'I',
            'ô' | 'ö' | 'Ô' => 'O',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' => 'U',
            'ç' | 'Ç' => 'C',
            ' ' | '-' | '\'' => '<',
            c => c.to_ascii_uppercase(),
        })
        .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<')
        .collect()
}

/// ICAO 9303 check digit.
pub fn mrz_check(s: &str) -> char {
    let w = [7u32, 3, 1];
    let sum: u32 = s
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let v = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            v * w[i % 3]
        })
        .sum();
    char::from(b'0' + (sum % 10) as u8)
}

/// Composite check digit of a TD1 MRZ (ID-1 cards: the 2021 identity card, residence
/// permits): line 1 from position 6, line 2's birth date, expiry date and optional data with
/// their check digits (ICAO 9303-5). `l2` is line 2 without its last character (29).
pub fn mrz_td1_composite(l1: &str, l2: &str) -> char {
    let s = format!("{}{}{}{}", &l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]);
    mrz_check(&s)
}

/// Composite check digit of a TD3 MRZ (passports): line 2 without the nationality and the
/// sex (ICAO 9303-4). `l2` is line 2 without its last character (43).
pub fn mrz_td3_composite(l2: &str) -> char {
    let s = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    mrz_check(&s)
}

/// Last check digit of the 1988 French identity card: over the whole first line and the
/// second without its last character (35).
pub fn mrz_fr1988_composite(l1: &str, l2: &str) -> char {
    mrz_check(&format!("{l1}{l2}"))
}

pub fn pad(s: &str, n: usize) -> String {
    let mut s: String = s.chars().take(n).collect();
    while s.len() < n {
        s.push('<');
    }
    s
}

pub fn yymmdd(d: NaiveDate) -> String {
    format!("{:02}{:02}{:02}", d.year() % 100, d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The specimens of ICAO 9303 and a 1988 French identity card.
    #[test]
    fn mrz_check_digits_match_the_specimens() {
        let l1 = "I<UTOD231458907<<<<<<<<<<<<<<<";
        let l2 = "7408122F1204159UTO<<<<<<<<<<<6";
        assert_eq!(mrz_check("D23145890"), '7');
        assert_eq!(mrz_td1_composite(l1, &l2[..29]), '6');
        let p2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
        assert_eq!(mrz_check("L898902C3"), '6');
        assert_eq!(mrz_td3_composite(&p2[..43]), '0');
        let f1 = "IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013";
        let f2 = "0506932020438CHRISTIANE<<NI2906209F3";
        assert_eq!(mrz_check(&f2[..12]), '8');
        assert_eq!(mrz_fr1988_composite(f1, &f2[..35]), '3');
    }
}
