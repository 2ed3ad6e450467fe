//! What the applicant is told by e-mail about his own demande: the receipt of each piece he
//! deposits (public portal or phone app), and a new code télédemandeur when he asks for one.
//!
//! Each message is written to `mail_outbox` in the transaction of the event it announces, so it
//! is sent once per event, whatever the retries. It goes to the address the registry holds for
//! the demande; a demande without one gets nothing.

use sqlx::{Postgres, Row, Transaction};
use uuid::Uuid;

use crate::db::Db;
use crate::portal::{queue_mail, NewDeposit};

const SIGNATURE: &str = "-- \nService de numérisation des pièces justificatives\n";

fn spaced(numero: &str) -> String {
    plan_de_classement::NumeroUnique::parse(numero)
        .map(|n| n.spaced())
        .unwrap_or_else(|_| numero.to_string())
}

/// Queues the applicant's receipt of a piece he deposited: when (Paris time), which files, the
/// type he chose, and that it will be checked. Returns whether an e-mail was queued.
pub(crate) async fn queue_deposit_receipt(
    tx: &mut Transaction<'_, Postgres>,
    d: &NewDeposit,
    piece: Uuid,
    type_label: Option<&str>,
) -> Result<bool, sqlx::Error> {
    // `now()` is the transaction's time: the piece's creation time.
    let Some(r) = sqlx::query(
        "SELECT email, to_char(now() AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY \"à\" HH24 \"h\" MI') AS at
         FROM demandes WHERE numero_unique = $1",
    )
    .bind(&d.demande)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(false);
    };
    let Some(email) = r
        .get::<Option<String>, _>("email")
        .filter(|e| !e.trim().is_empty())
    else {
        tracing::info!(piece.id = %piece, "no receipt e-mail: the demande has no address");
        return Ok(false);
    };
    let at: String = r.get("at");
    let by = match d.channel {
        "mobile" => "l'application mobile",
        _ => "le portail demandeur",
    };
    let n = d.originals.len();
    let files: String = d
        .originals
        .iter()
        .map(|o| format!("  - {}\n", o.name))
        .collect();
    let body = format!(
        "Bonjour,\n\nNous avons bien reçu le {at} (heure de Paris), par {by}, votre pièce « {label} » \
         pour votre demande de logement social n° {numero}.\n\n\
         Fichier{s} reçu{s} :\n{files}\n\
         Elle va être vérifiée (lisibilité, format) avant d'être ajoutée à votre demande ; vous pouvez suivre \
         son état sur le portail grand public, rubrique « Mes pièces ».\n\n\
         Si vous n'êtes pas à l'origine de cet envoi, signalez-le à votre guichet enregistreur.\n\n\
         Référence de la pièce : {piece}\n\n{SIGNATURE}",
        label = type_label.unwrap_or("pièce justificative"),
        numero = spaced(&d.demande),
        s = if n > 1 { "s" } else { "" },
    );
    queue_mail(
        tx,
        &email,
        "Accusé de réception de votre pièce justificative",
        &body,
    )
    .await?;
    Ok(true)
}

/// What a request for a new code télédemandeur did. The applicant is answered the same in every
/// case; the variants are for the logs and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRequest {
    /// The new code was queued to the demande's address.
    Sent,
    UnknownDemande,
    DemandeNotActive,
    NoEmail,
    /// A code was already sent less than the interval ago: nothing sent.
    TooSoon,
}

impl Db {
    /// Sends a new code télédemandeur to the address of an active demande, at most once every
    /// `every_minutes`. The new code waits as `pending_code_hash`: the current code stays valid
    /// until the applicant logs in with the new one (see [`Db::adopt_pending_code`]), so a
    /// stranger who knows the numéro can neither lock the applicant out nor flood his mailbox.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn request_applicant_code(
        &self,
        numero: &str,
        code: &str,
        code_hash: &str,
        every_minutes: i32,
    ) -> Result<CodeRequest, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let Some(r) = sqlx::query(
            "SELECT etat, email, code_sent_at > now() - make_interval(mins => $2) AS too_soon
             FROM demandes WHERE numero_unique = $1 FOR UPDATE",
        )
        .bind(numero)
        .bind(every_minutes)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(CodeRequest::UnknownDemande);
        };
        if r.get::<String, _>("etat") != "active" {
            return Ok(CodeRequest::DemandeNotActive);
        }
        let Some(email) = r
            .get::<Option<String>, _>("email")
            .filter(|e| !e.trim().is_empty())
        else {
            return Ok(CodeRequest::NoEmail);
        };
        if r.get::<Option<bool>, _>("too_soon") == Some(true) {
            return Ok(CodeRequest::TooSoon);
        }
        sqlx::query(
            "UPDATE demandes SET pending_code_hash = $2, code_sent_at = now() WHERE numero_unique = $1",
        )
        .bind(numero)
        .bind(code_hash)
        .execute(&mut *tx)
        .await?;
        let body = format!(
            "Bonjour,\n\nUn nouveau code télédemandeur a été demandé sur le portail grand public pour votre \
             demande de logement social n° {numero}.\n\n\
             Votre nouveau code télédemandeur : {code}\n\n\
             Pour accéder à votre demande, saisissez votre numéro unique, votre date de naissance et ce code. \
             Dès que vous l'aurez utilisé, il remplacera votre code actuel ; d'ici là, votre code actuel reste valable. \
             Un nouveau code ne peut être envoyé qu'une fois toutes les {every_minutes} minutes.\n\n\
             Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre code actuel ne change pas.\n\n\
             Ne communiquez jamais ce code : aucun service ne vous le demandera par téléphone ou par courriel.\n\n\
             {SIGNATURE}",
            numero = spaced(numero),
        );
        queue_mail(&mut tx, &email, "Votre nouveau code télédemandeur", &body).await?;
        tx.commit().await?;
        Ok(CodeRequest::Sent)
    }

    /// Makes the pending code télédemandeur (the one whose hash is `pending_hash`) the
    /// demande's code, once the applicant has logged in with it. Returns whether it did.
    ///
    /// # Errors
    /// On a database error.
    pub async fn adopt_pending_code(
        &self,
        numero: &str,
        pending_hash: &str,
    ) -> Result<bool, sqlx::Error> {
        let n = sqlx::query(
            "UPDATE demandes SET code_hash = pending_code_hash, pending_code_hash = NULL
             WHERE numero_unique = $1 AND pending_code_hash = $2",
        )
        .bind(numero)
        .bind(pending_hash)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }
}
