//! Server-rendered pages: the common layout, escaping, and the small stylesheet and script.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// Which portal a page belongs to (for the banner and the navigation).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Portal {
    Home,
    Public,
    Consultation,
    Pro,
}

impl Portal {
    fn name(self) -> &'static str {
        match self {
            Portal::Home => "Pièces justificatives",
            Portal::Public => "Portail grand public",
            Portal::Consultation => "Consultation des pièces",
            Portal::Pro => "Portail web professionnel",
        }
    }
}

/// A page: title, body, who is logged in (for the header) and the session's CSRF token (for
/// the logout form).
pub struct Page<'a> {
    pub portal: Portal,
    pub title: &'a str,
    pub user: Option<&'a str>,
    pub csrf: Option<&'a str>,
    pub nav: &'a [(&'a str, &'a str)],
    pub body: String,
}

impl Page<'_> {
    pub fn render(self) -> Response {
        let nav: String = self
            .nav
            .iter()
            .map(|(href, label)| format!("<a href=\"{}\">{}</a>", esc(href), esc(label)))
            .collect();
        let account = match (self.user, self.csrf) {
            (Some(u), Some(c)) => format!(
                "<div class=\"account\"><span>{}</span><form method=\"post\" action=\"/deconnexion\">\
                 <input type=\"hidden\" name=\"_csrf\" value=\"{}\"><button class=\"link\">Se déconnecter</button></form></div>",
                esc(u),
                esc(c)
            ),
            _ => String::new(),
        };
        let html = format!(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} — {portal}</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/portail.css\">\
             <script src=\"/static/portail.js\" defer></script></head><body>\
             <a class=\"skip\" href=\"#contenu\">Aller au contenu</a>\
             <header class=\"banner\"><div class=\"wrap\"><div class=\"brand\"><span class=\"marianne\">République française</span>\
             <strong>Dossier unique</strong><span class=\"portal\">{portal}</span></div>{account}</div>\
             {navblock}</header>\
             <main id=\"contenu\" class=\"wrap\"><h1>{title}</h1>{body}</main>\
             <footer class=\"wrap\"><p>Service de numérisation des pièces justificatives de la demande de logement social.</p></footer>\
             </body></html>",
            title = esc(self.title),
            portal = esc(self.portal.name()),
            navblock = if nav.is_empty() {
                String::new()
            } else {
                format!("<nav class=\"wrap\" aria-label=\"Navigation principale\">{nav}</nav>")
            },
            body = self.body,
        );
        html_response(StatusCode::OK, html)
    }
}

/// An HTML response with the security headers every page carries.
pub fn html_response(status: StatusCode, html: String) -> Response {
    let mut r = (status, html).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("SAMEORIGIN"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'self'; form-action 'self'",
        ),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A message box (information or error) shown at the top of a page.
pub fn flash(msg: Option<&str>, err: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(m) = msg.filter(|m| !m.is_empty()) {
        s += &format!("<p class=\"notice ok\" role=\"status\">{}</p>", esc(m));
    }
    if let Some(e) = err.filter(|e| !e.is_empty()) {
        s += &format!("<p class=\"notice error\" role=\"alert\">{}</p>", esc(e));
    }
    s
}

/// French label of a piece's state.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "processing" => "en cours de traitement",
        "attached" => "prête",
        "to_review" => "à vérifier",
        "quarantined" => "supprimée (en quarantaine)",
        "rejected" => "refusée",
        "deleted" => "supprimée",
        _ => "inconnu",
    }
}

/// French label of a journal event.
pub fn event_label(event: &str) -> &'static str {
    match event {
        "creation" => "création",
        "modification" => "modification",
        "suppression" => "suppression",
        "mise_en_quarantaine" => "mise en quarantaine",
        "restauration" => "restauration",
        "consultation" => "consultation",
        _ => "autre",
    }
}

/// French label of a pli's outcome.
pub fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "attached" => "rattaché",
        "unknown_numero" => "numéro unique inconnu du registre",
        "demande_radiee" => "demande radiée",
        "unreadable_cover" => "numéro unique illisible",
        "missing_cover" => "pages sans page de garde",
        "needs_review" => "à vérifier",
        _ => "autre",
    }
}

/// `<select>` options of the plan's types, grouped by category.
pub fn type_options(selected: Option<&str>, with_empty: Option<&str>) -> String {
    type_options_of(selected, with_empty, |_| true)
}

/// The types an applicant may choose: internal documents are the services' own.
pub fn applicant_type_options() -> String {
    type_options_of(None, Some("— choisir —"), |c| {
        c != crate::routes::pieces::INTERNAL_CATEGORY
    })
}

fn type_options_of(
    selected: Option<&str>,
    with_empty: Option<&str>,
    category: impl Fn(&str) -> bool,
) -> String {
    let plan = crate::plan();
    let mut s = String::new();
    if let Some(label) = with_empty {
        s += &format!("<option value=\"\">{}</option>", esc(label));
    }
    for c in plan.categories.iter().filter(|c| category(c.code.as_str())) {
        s += &format!("<optgroup label=\"{}\">", esc(&c.label));
        for t in &c.types {
            let code = t.code.as_str();
            s += &format!(
                "<option value=\"{code}\"{}>{} ({code})</option>",
                if selected == Some(code) {
                    " selected"
                } else {
                    ""
                },
                esc(&t.label)
            );
        }
        s += "</optgroup>";
    }
    s
}

/// A numéro unique as printed on the attestation (spaced).
pub fn numero(n: &str) -> String {
    plan_de_classement::NumeroUnique::parse(n).map_or_else(|_| n.to_string(), |n| n.spaced())
}

/// French label of a channel.
pub fn channel_label(c: &str) -> &'static str {
    match c {
        "papier" => "courrier",
        "pwp" => "portail professionnel",
        "pgp" => "portail demandeur",
        "mobile" => "application mobile",
        "ws" => "service web du guichet",
        _ => "autre",
    }
}

/// French label of an indice de pertinence.
pub fn indice_label(i: &str) -> &'static str {
    match i {
        "NV" => "non vérifié",
        "PR" => "périmètre réglementaire",
        "HP" => "hors périmètre",
        _ => "inconnu",
    }
}

/// Displays a date as JJ/MM/AAAA.
pub fn date_fr(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub use storage::dates::{datetime_fr, day_fr};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">l'été & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;"
        );
    }
}

pub const CSS: &str = r#"
:root{--bleu:#000091;--bleu-clair:#e3e3fd;--gris:#666;--fond:#f6f6f6;--rouge:#ce0500;--vert:#18753c;--bord:#ddd}
*{box-sizing:border-box}
body{margin:0;font-family:"Marianne",Arial,"DejaVu Sans",sans-serif;color:#161616;background:#fff;line-height:1.5;font-size:16px}
.wrap{max-width:1100px;margin:0 auto;padding:0 1.25rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.banner{border-bottom:1px solid var(--bord);box-shadow:0 2px 6px rgba(0,0,18,.08)}
.banner>div.wrap{display:flex;justify-content:space-between;align-items:center;padding-top:1rem;padding-bottom:1rem}
.brand{display:flex;flex-direction:column}.brand strong{font-size:1.3rem}
.marianne{font-weight:700;text-transform:uppercase;font-size:.75rem;letter-spacing:.05em;border-left:4px solid var(--bleu);padding-left:.5rem;margin-bottom:.25rem}
.portal{color:var(--gris);font-size:.9rem}
.account{display:flex;gap:1rem;align-items:center;font-size:.9rem}
nav{display:flex;gap:1.5rem;padding:.5rem 1.25rem;border-top:1px solid var(--bord)}
nav a{color:#161616;text-decoration:none;padding:.4rem 0;border-bottom:2px solid transparent}nav a:hover{border-color:var(--bleu)}
main{padding-top:1.5rem;padding-bottom:3rem;min-height:60vh}
h1{font-size:1.75rem;margin:.5rem 0 1.25rem}h2{font-size:1.3rem;margin:2rem 0 .75rem}h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
a{color:var(--bleu)}
footer{border-top:1px solid var(--bord);color:var(--gris);font-size:.85rem;padding-top:1rem;padding-bottom:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
th,td{text-align:left;padding:.55rem .6rem;border-bottom:1px solid var(--bord);vertical-align:top}
th{background:var(--fond);font-weight:600}
form.inline{display:inline}
fieldset{border:1px solid var(--bord);padding:1rem 1.25rem;margin:1rem 0;border-radius:4px}
legend{font-weight:600;padding:0 .4rem}
label{display:block;font-weight:500;margin:.6rem 0 .25rem}
.hint{color:var(--gris);font-size:.85rem;font-weight:400}
input[type=text],input[type=password],input[type=date],input[type=search],select,textarea{font:inherit;padding:.45rem .6rem;border:1px solid #929292;border-radius:4px 4px 0 0;border-bottom:2px solid #3a3a3a;background:#eee;min-width:16rem;max-width:100%}
input:focus,select:focus,button:focus,a:focus{outline:2px solid #0a76f6;outline-offset:2px}
button,.button{font:inherit;background:var(--bleu);color:#fff;border:0;padding:.5rem 1rem;border-radius:4px;cursor:pointer;text-decoration:none;display:inline-block;margin-top:.5rem}
button.secondary,.button.secondary{background:#fff;color:var(--bleu);box-shadow:inset 0 0 0 1px var(--bleu)}
button.danger{background:#fff;color:var(--rouge);box-shadow:inset 0 0 0 1px var(--rouge)}
button.link{background:none;color:var(--bleu);padding:0;margin:0;text-decoration:underline}
.notice{padding:.75rem 1rem;border-left:4px solid;margin:1rem 0}
.notice.ok{border-color:var(--vert);background:#b8fec9}.notice.error{border-color:var(--rouge);background:#ffe9e9}
.badge{display:inline-block;font-size:.8rem;font-weight:600;text-transform:uppercase;padding:.1rem .5rem;border-radius:4px;background:var(--bleu-clair);color:var(--bleu)}
.badge.attached{background:#b8fec9;color:var(--vert)}.badge.processing{background:#feecc2;color:#716043}
.badge.quarantined,.badge.rejected{background:#ffe9e9;color:var(--rouge)}.badge.to_review{background:#fee7fc;color:#6e445a}
.badge.sensible{background:#fff;color:var(--rouge);box-shadow:inset 0 0 0 1px var(--rouge)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
.card{border:1px solid var(--bord);padding:1.25rem;border-radius:4px;border-bottom:3px solid var(--bleu)}
.card h2{margin-top:0}
progress{width:10rem;height:.8rem}
.thumbs{display:flex;gap:.5rem;flex-wrap:wrap}.thumbs img{border:1px solid var(--bord);width:110px;background:#fff}
.pli{border:1px solid var(--bord);border-radius:4px;padding:1rem 1.25rem;margin:1rem 0}
.pli header{display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:.5rem}
.reason{color:var(--rouge);font-weight:500}
details summary{cursor:pointer;color:var(--bleu)}
.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-end}.filters label{margin:0}.filters input,.filters select{min-width:10rem}
.muted{color:var(--gris)}
input+button,select+button{margin-left:.5rem}
form.login button{display:block;margin-top:1rem}
.piece{display:flex;gap:1rem;align-items:flex-start;border:1px solid var(--bord);border-left:4px solid var(--bleu-clair);padding:.75rem 1rem;margin:.75rem 0;background:#fcfcfd}
.piece .thumbs{flex:0 0 auto}.thumbs.cover img{width:300px}.piece .body{flex:1}
td.actions{min-width:15rem}td.actions input[type=text]{min-width:12rem;width:100%}
.badge.state{white-space:nowrap}
nav a[aria-current=page]{border-color:var(--bleu);color:var(--bleu);font-weight:600}
"#;

pub const JS: &str = r#"
// Minimal script: pieces being processed and batches in progress update themselves.
(function () {
  function csrf() { var m = document.querySelector('meta[name=csrf]'); return m ? m.content : ''; }
  var labels = {processing: 'en cours de traitement', attached: 'prête', to_review: 'à vérifier',
    quarantined: 'supprimée (en quarantaine)', rejected: 'refusée'};
  function pollPieces() {
    var rows = document.querySelectorAll('[data-piece][data-status=processing]');
    if (!rows.length) return;
    rows.forEach(function (row) {
      fetch('/api/pieces/' + row.dataset.piece, {credentials: 'same-origin'})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p || p.status === 'processing') return;
          row.dataset.status = p.status;
          var badge = row.querySelector('.badge.state');
          if (badge) { badge.textContent = labels[p.status] || p.status; badge.className = 'badge state ' + p.status; }
          var extra = row.querySelector('.when-ready');
          if (extra && p.status === 'attached') extra.hidden = false;
          var reason = row.querySelector('.status-reason');
          if (reason && p.status_reason) reason.textContent = p.status_reason;
          var pages = row.querySelector('.pages');
          if (pages && p.page_count) pages.textContent = p.page_count;
        });
    });
    setTimeout(pollPieces, 1500);
  }
  function pollBatches() {
    var table = document.querySelector('[data-batches]');
    if (!table) return;
    fetch('/api/lots', {credentials: 'same-origin'}).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) {
        list.forEach(function (b) {
          var row = table.querySelector('[data-batch="' + b.id + '"]');
          if (!row) return;
          var total = b.pages_total || 0;
          row.querySelector('.pages').textContent = b.pages_done + ' / ' + (total || '?');
          var bar = row.querySelector('progress');
          if (bar) { bar.max = total || 1; bar.value = b.pages_done; }
          row.querySelector('.plis').textContent = b.plis;
          row.querySelector('.attached').textContent = b.plis_attached;
          row.querySelector('.aside').textContent = b.plis_aside;
          var st = row.querySelector('.state');
          st.textContent = {queued: 'en attente', processing: 'en cours', done: 'terminé', failed: 'échec'}[b.status] || b.status;
        });
      }).finally(function () { setTimeout(pollBatches, 2000); });
  }
  // Uploads show their progress; the server's answer (a redirect) is then followed.
  function uploadProgress() {
    var form = document.querySelector('form[data-upload]');
    if (!form || !window.FormData) return;
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var bar = form.querySelector('progress'), text = form.querySelector('.upload-state');
      var button = form.querySelector('button[type=submit]');
      bar.hidden = false; button.disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('X-DU-Upload', '1');
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        bar.max = e.total; bar.value = e.loaded;
        text.textContent = 'Envoi : ' + Math.round(100 * e.loaded / e.total) + ' %';
      };
      xhr.onload = function () { window.location.href = xhr.responseURL || window.location.href; };
      xhr.onerror = function () {
        text.textContent = 'Envoi interrompu : vérifiez votre connexion et réessayez.';
        button.disabled = false;
      };
      xhr.send(new FormData(form));
    });
  }
  document.addEventListener('DOMContentLoaded', function () { pollPieces(); pollBatches(); uploadProgress(); });
})();
"#;
