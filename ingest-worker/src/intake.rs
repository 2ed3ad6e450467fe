//! Reading a batch file (PDF of scanned images, or multi-page TIFF) page by page.
//!
//! Untrusted files are parsed in a **child process** (`ingest-worker extract FILE`) with CPU and
//! memory limits: PDF and image parsers have had panics, stack overflows and endless loops on
//! crafted input, and none of them may take the worker down. The child writes one frame per
//! page on its standard output — a JSON header line, then the page image's bytes as they are in
//! the file — and the parent reads them as a stream, so the batch is never held decoded.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::page::{EncodedImage, Encoding, RawPage};

/// One frame of the child's output.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "frame", rename_all = "snake_case")]
enum Frame {
    Start {
        pages: u32,
        /// What is wrong with the file as a whole (French): truncated, repaired.
        #[serde(default)]
        warnings: Vec<String>,
    },
    Page {
        page: RawPage,
        len: usize,
    },
    PageError {
        number: u32,
        reason: String,
    },
    Fatal {
        reason: String,
    },
}

/// What comes out of a batch file.
#[derive(Debug)]
pub enum Item {
    Page(RawPage),
    /// A page that could not be read; the rest of the batch goes on.
    Rejected {
        number: u32,
        reason: String,
    },
}

/// The batch cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("{0}")]
    File(String),
    #[error("lecture du lot interrompue : {0}")]
    Child(String),
}

// ---------------------------------------------------------------- child side

const CHILD_MEMORY_BYTES: u64 = 2 << 30;
const CHILD_CPU_SECONDS: u64 = 900;

/// Entry point of `ingest-worker extract FILE`: writes the frames to `out`.
pub fn run_extract(path: &Path, out: &mut impl Write) -> std::io::Result<()> {
    let result = extract(path, out);
    if let Err(reason) = result {
        write_frame(out, &Frame::Fatal { reason }, &[])?;
    }
    out.flush()
}

fn write_frame(out: &mut impl Write, frame: &Frame, data: &[u8]) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, frame)?;
    out.write_all(b"\n")?;
    out.write_all(data)
}

fn extract(path: &Path, out: &mut impl Write) -> Result<(), String> {
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| format!("fichier illisible : {e}"))?;
    let head = &head[..n];
    if n == 0 {
        return Err("fichier vide (0 octet)".into());
    }
    let io = |e: std::io::Error| format!("sortie interrompue : {e}");
    if head.windows(5).any(|w| w == b"%PDF-") {
        extract_pdf(path, out)?;
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        extract_tiff(path, out)?;
    } else {
        return Err("format non reconnu : un lot doit être un PDF ou un TIFF multipage".into());
    }
    out.flush().map_err(io)
}

fn extract_pdf(path: &Path, out: &mut impl Write) -> Result<(), String> {
    use lopdf::Document;
    let warnings = pdf_damage(path);
    let doc = Document::load(path).map_err(|e| format!("PDF illisible ou tronqué : {e}"))?;
    if doc.is_encrypted() {
        return Err("PDF chiffré : déposez le lot sans mot de passe ni chiffrement".into());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("PDF sans aucune page".into());
    }
    write_frame(
        out,
        &Frame::Start {
            pages: pages.len() as u32,
            warnings,
        },
        &[],
    )
    .map_err(|e| e.to_string())?;
    for (&number, &page_id) in &pages {
        let frame = pdf_page(&doc, number, page_id);
        let written = match frame {
            Ok((page, data)) => write_frame(
                out,
                &Frame::Page {
                    len: data.len(),
                    page,
                },
                &data,
            ),
            Err(reason) => write_frame(out, &Frame::PageError { number, reason }, &[]),
        };
        written.map_err(|e| format!("sortie interrompue : {e}"))?;
    }
    Ok(())
}

/// Signs that a PDF did not arrive whole: no `%%EOF` at its end (cut in transit), or a
/// `startxref` that does not point at a cross-reference table (the reader had to rebuild it).
/// French, for operators.
pub fn pdf_damage(path: &Path) -> Vec<String> {
    use std::io::{Seek, SeekFrom};
    let mut warnings = Vec::new();
    let Ok(mut f) = std::fs::File::open(path) else {
        return warnings;
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut tail = Vec::new();
    if f.seek(SeekFrom::Start(len.saturating_sub(2048))).is_err()
        || f.read_to_end(&mut tail).is_err()
    {
        return warnings;
    }
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    if find(&tail, b"%%EOF").is_none() {
        warnings.push(
            "fichier tronqué : la fin du PDF manque (%%EOF absent), des pages peuvent manquer"
                .to_string(),
        );
    }
    let offset = find(&tail, b"startxref").and_then(|i| {
        let rest = &tail[i + 9..];
        let digits: String = rest
            .iter()
            .map(|&b| b as char)
            .skip_while(|c| c.is_ascii_whitespace())
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<u64>().ok()
    });
    let points_at_xref = offset.filter(|&o| o < len).is_some_and(|o| {
        let mut head = [0u8; 32];
        let n = f
            .seek(SeekFrom::Start(o))
            .and_then(|_| f.read(&mut head))
            .unwrap_or(0);
        let head = String::from_utf8_lossy(&head[..n]);
        let head = head.trim_start();
        // A classic table, or a cross-reference stream object ("12 0 obj").
        head.starts_with("xref") || {
            let mut parts = head.split_whitespace();
            parts
                .next()
                .is_some_and(|a| a.chars().all(|c| c.is_ascii_digit()))
                && parts
                    .next()
                    .is_some_and(|b| b.chars().all(|c| c.is_ascii_digit()))
                && parts.next().is_some_and(|o| o.starts_with("obj"))
        }
    });
    if !points_at_xref {
        warnings.push(
            "table des références croisées absente ou invalide : le PDF a dû être réparé, des \
             pages peuvent manquer ou être désordonnées"
                .to_string(),
        );
    }
    warnings
}

fn inherited<'a>(
    doc: &'a lopdf::Document,
    page_id: lopdf::ObjectId,
    key: &[u8],
) -> Option<&'a lopdf::Object> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(v) = dict.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn num(o: &lopdf::Object) -> Option<f32> {
    match o {
        lopdf::Object::Integer(i) => Some(*i as f32),
        lopdf::Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn pdf_page(
    doc: &lopdf::Document,
    number: u32,
    page_id: lopdf::ObjectId,
) -> Result<(RawPage, Vec<u8>), String> {
    use lopdf::Object;
    let (resources, _) = doc
        .get_page_resources(page_id)
        .map_err(|e| format!("ressources illisibles : {e}"))?;
    let resources = resources.ok_or("page sans image numérisée (aucune ressource)")?;
    let xobjects = resources
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .ok_or("page sans image numérisée")?;
    // The scan is the largest image of the page.
    let mut best: Option<(&lopdf::Stream, u64)> = None;
    for (_, v) in xobjects.iter() {
        let Ok((_, Object::Stream(s))) = doc.dereference(v) else {
            continue;
        };
        if s.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image".as_slice()) {
            continue;
        }
        let w = s.dict.get(b"Width").ok().and_then(num).unwrap_or(0.0) as u64;
        let h = s.dict.get(b"Height").ok().and_then(num).unwrap_or(0.0) as u64;
        if best.is_none_or(|(_, a)| w * h > a) {
            best = Some((s, w * h));
        }
    }
    let (stream, _) = best.ok_or("page sans image numérisée")?;
    let d = &stream.dict;
    let get_num = |k: &[u8]| {
        d.get(k)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| num(o))
    };
    let width = get_num(b"Width").ok_or("image sans largeur")? as u32;
    let height = get_num(b"Height").ok_or("image sans hauteur")? as u32;
    let image_mask = matches!(d.get(b"ImageMask"), Ok(Object::Boolean(true)));
    let bpc = if image_mask {
        1
    } else {
        get_num(b"BitsPerComponent").unwrap_or(8.0) as u8
    };
    let components = match d
        .get(b"ColorSpace")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .map(|(_, o)| o)
    {
        None => 1,
        Some(Object::Name(n)) if n == b"DeviceGray" || n == b"CalGray" => 1,
        Some(Object::Name(n)) if n == b"DeviceRGB" || n == b"CalRGB" => 3,
        Some(Object::Array(a))
            if a.first().and_then(|o| o.as_name().ok()) == Some(b"ICCBased".as_slice()) =>
        {
            let n = a
                .get(1)
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_stream().ok())
                .and_then(|s| s.dict.get(b"N").ok().and_then(num))
                .unwrap_or(1.0);
            n as u8
        }
        Some(other) => {
            return Err(format!("espace de couleur non pris en charge : {other:?}")
                .chars()
                .take(120)
                .collect())
        }
    };
    if !matches!(components, 1 | 3) {
        return Err(format!(
            "image à {components} composantes non prise en charge"
        ));
    }
    let filters: Vec<Vec<u8>> = match d.get(b"Filter").ok() {
        None => vec![],
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        Some(_) => return Err("filtre d'image invalide".into()),
    };
    let parms = d
        .get(b"DecodeParms")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| match o {
            Object::Dictionary(p) => Some(p.clone()),
            Object::Array(a) => a.first().and_then(|o| o.as_dict().ok()).cloned(),
            _ => None,
        });
    let parm = |k: &[u8]| parms.as_ref().and_then(|p| p.get(k).ok()).and_then(num);
    let parm_bool = |k: &[u8]| {
        matches!(
            parms.as_ref().and_then(|p| p.get(k).ok()),
            Some(Object::Boolean(true))
        )
    };
    let encoding = match filters
        .iter()
        .map(Vec::as_slice)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [b"DCTDecode"] => Encoding::Dct,
        [b"FlateDecode"] => Encoding::Flate {
            predictor: parm(b"Predictor").unwrap_or(1.0) as u8,
            columns: parm(b"Columns").map_or(width, |c| c as u32),
        },
        [b"CCITTFaxDecode"] => Encoding::Ccitt {
            k: parm(b"K").unwrap_or(0.0) as i32,
            black_is_1: parm_bool(b"BlackIs1"),
            encoded_byte_align: parm_bool(b"EncodedByteAlign"),
        },
        [] => Encoding::Raw,
        other => {
            let names: Vec<String> = other
                .iter()
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .collect();
            return Err(format!(
                "compression d'image non prise en charge : {}",
                names.join(", ")
            ));
        }
    };
    let inverted = match d.get(b"Decode") {
        Ok(Object::Array(a)) => a.first().and_then(num) == Some(1.0),
        _ => false,
    } != image_mask;
    let rotate = inherited(doc, page_id, b"Rotate")
        .and_then(num)
        .unwrap_or(0.0) as i32;
    let media = inherited(doc, page_id, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| {
            let v: Vec<f32> = a.iter().filter_map(num).collect();
            (v.len() == 4).then(|| ((v[2] - v[0]).abs(), (v[3] - v[1]).abs()))
        })
        .unwrap_or((width as f32 * 72.0 / 300.0, height as f32 * 72.0 / 300.0));
    let image = EncodedImage {
        width,
        height,
        bits_per_component: bpc,
        components,
        encoding,
        inverted,
        data: Vec::new(),
    };
    image.check_dimensions().map_err(|e| e.to_string())?;
    let page = RawPage {
        number,
        image,
        rotate: (rotate.rem_euclid(360) / 90 * 90) as u16,
        size_pt: media,
    };
    Ok((page, stream.content.clone()))
}

fn extract_tiff(path: &Path, out: &mut impl Write) -> Result<(), String> {
    use tiff::decoder::{Decoder, DecodingResult, Limits};
    let open = || -> Result<Decoder<std::io::BufReader<std::fs::File>>, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("fichier illisible : {e}"))?;
        let mut limits = Limits::default();
        limits.decoding_buffer_size = crate::page::MAX_PIXELS as usize;
        Ok(Decoder::new(std::io::BufReader::new(file))
            .map_err(|e| format!("TIFF illisible : {e}"))?
            .with_limits(limits))
    };
    // Page count first (a walk of the directory chain, no pixel decoded) so progress can be
    // shown against a total; 0 (unknown) when the chain is broken.
    let mut pages = 1u32;
    let mut counter = open()?;
    while counter.more_images() && pages < 100_000 {
        if counter.next_image().is_err() {
            pages = 0;
            break;
        }
        pages += 1;
    }
    drop(counter);
    let mut dec = open()?;
    write_frame(
        out,
        &Frame::Start {
            pages,
            warnings: Vec::new(),
        },
        &[],
    )
    .map_err(|e| e.to_string())?;
    let mut number = 0;
    loop {
        number += 1;
        let frame = (|| -> Result<(RawPage, Vec<u8>), String> {
            let (w, h) = dec
                .dimensions()
                .map_err(|e| format!("TIFF : dimensions illisibles : {e}"))?;
            let probe = EncodedImage {
                width: w,
                height: h,
                bits_per_component: 8,
                components: 1,
                encoding: Encoding::Raw,
                inverted: false,
                data: vec![],
            };
            probe.check_dimensions().map_err(|e| e.to_string())?;
            let colortype = dec.colortype().map_err(|e| format!("TIFF : {e}"))?;
            let dpi = dec
                .get_tag_f32(tiff::tags::Tag::XResolution)
                .ok()
                .filter(|d| *d >= 50.0 && *d <= 1200.0)
                .unwrap_or(300.0);
            let data = dec
                .read_image()
                .map_err(|e| format!("page TIFF illisible : {e}"))?;
            let (bits, components, bytes) = match (colortype, data) {
                (tiff::ColorType::Gray(8), DecodingResult::U8(v)) => (8, 1, v),
                (tiff::ColorType::Gray(1), DecodingResult::U8(v)) => (1, 1, v),
                (tiff::ColorType::RGB(8), DecodingResult::U8(v)) => (8, 3, v),
                (ct, _) => {
                    return Err(format!(
                        "TIFF : type de couleur non pris en charge ({ct:?})"
                    ))
                }
            };
            let image = EncodedImage {
                width: w,
                height: h,
                bits_per_component: bits,
                components,
                encoding: Encoding::Raw,
                inverted: false,
                data: vec![],
            };
            let size = (w as f32 * 72.0 / dpi, h as f32 * 72.0 / dpi);
            Ok((
                RawPage {
                    number,
                    image,
                    rotate: 0,
                    size_pt: size,
                },
                bytes,
            ))
        })();
        match frame {
            Ok((page, data)) => write_frame(
                out,
                &Frame::Page {
                    len: data.len(),
                    page,
                },
                &data,
            ),
            Err(reason) => write_frame(out, &Frame::PageError { number, reason }, &[]),
        }
        .map_err(|e| format!("sortie interrompue : {e}"))?;
        if !dec.more_images() {
            break;
        }
        if let Err(e) = dec.next_image() {
            return Err(format!("TIFF tronqué après la page {number} : {e}"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- parent side

/// The pages of a batch file, read from a sandboxed child process.
pub struct PageStream {
    child: Child,
    reader: BufReader<ChildStdout>,
    pub declared_pages: Option<u32>,
    /// What is wrong with the file as a whole (French): it is read, but not as if whole.
    pub warnings: Vec<String>,
    done: bool,
}

impl PageStream {
    /// Starts the child on `path`. `exe` is the `ingest-worker` binary.
    ///
    /// # Errors
    /// [`IntakeError`] when the child cannot start or the file cannot be read at all.
    pub fn open(exe: &Path, path: &Path) -> Result<Self, IntakeError> {
        let mut cmd = Command::new(exe);
        cmd.arg("extract")
            .arg(path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        limit_resources(&mut cmd);
        let mut child = cmd
            .spawn()
            .map_err(|e| IntakeError::Child(format!("lancement impossible : {e}")))?;
        let stdout = child.stdout.take().expect("piped");
        let mut s = PageStream {
            child,
            reader: BufReader::with_capacity(1 << 20, stdout),
            declared_pages: None,
            warnings: Vec::new(),
            done: false,
        };
        match s.read_frame()? {
            Some((Frame::Start { pages, warnings }, _)) => {
                s.declared_pages = (pages > 0).then_some(pages);
                s.warnings = warnings;
            }
            Some((Frame::Fatal { reason }, _)) => return Err(IntakeError::File(reason)),
            Some(_) => return Err(IntakeError::Child("trame inattendue".into())),
            None => return Err(IntakeError::Child(s.exit_reason())),
        }
        Ok(s)
    }

    fn exit_reason(&mut self) -> String {
        match self.child.wait() {
            Ok(st) if st.success() => "fin prématurée".into(),
            Ok(st) => child_failure(st),
            Err(e) => e.to_string(),
        }
    }

    fn read_frame(&mut self) -> Result<Option<(Frame, Vec<u8>)>, IntakeError> {
        let mut line = String::new();
        let n = self
            .reader
            .read_line(&mut line)
            .map_err(|e| IntakeError::Child(e.to_string()))?;
        if n == 0 {
            return Ok(None);
        }
        let frame: Frame = serde_json::from_str(&line)
            .map_err(|e| IntakeError::Child(format!("trame invalide : {e}")))?;
        let mut data = Vec::new();
        if let Frame::Page { len, .. } = &frame {
            data.resize(*len, 0);
            self.reader
                .read_exact(&mut data)
                .map_err(|e| IntakeError::Child(e.to_string()))?;
        }
        Ok(Some((frame, data)))
    }
}

impl Iterator for PageStream {
    type Item = Result<Item, IntakeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let frame = match self.read_frame() {
            Ok(f) => f,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        match frame {
            None => {
                self.done = true;
                let status = self.child.wait();
                match status {
                    Ok(st) if st.success() => None,
                    _ => Some(Err(IntakeError::Child(self.exit_reason()))),
                }
            }
            Some((Frame::Page { mut page, .. }, data)) => {
                page.image.data = data;
                Some(Ok(Item::Page(page)))
            }
            Some((Frame::PageError { number, reason }, _)) => {
                Some(Ok(Item::Rejected { number, reason }))
            }
            Some((Frame::Fatal { reason }, _)) => {
                self.done = true;
                Some(Err(IntakeError::File(reason)))
            }
            Some((Frame::Start { .. }, _)) => {
                Some(Err(IntakeError::Child("trame inattendue".into())))
            }
        }
    }
}

impl Drop for PageStream {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Why a sandboxed parser child that did not succeed stopped, in French.
pub(crate) fn child_failure(st: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match st.signal() {
        Some(9) | Some(24) => {
            "fichier trop coûteux à lire (limite de temps ou de mémoire atteinte)".into()
        }
        Some(sig) => format!("lecteur arrêté par le signal {sig} (fichier malformé)"),
        None => format!("lecteur arrêté (code {:?}, fichier malformé)", st.code()),
    }
}

/// The CPU and memory limits of a child that parses untrusted files (`extract`, `merge`).
#[allow(unsafe_code)]
pub(crate) fn limit_resources(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls (setrlimit, prctl) between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let mem = libc::rlimit {
                rlim_cur: CHILD_MEMORY_BYTES,
                rlim_max: CHILD_MEMORY_BYTES,
            };
            let cpu = libc::rlimit {
                rlim_cur: CHILD_CPU_SECONDS,
                rlim_max: CHILD_CPU_SECONDS + 5,
            };
            libc::setrlimit(libc::RLIMIT_AS, &mem);
            libc::setrlimit(libc::RLIMIT_CPU, &cpu);
            // A worker killed with SIGKILL takes its parser child with it.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small whole PDF, as lopdf writes it (classic cross-reference table).
    fn whole_pdf() -> Vec<u8> {
        use lopdf::{dictionary, Document, Object};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn damage_of(bytes: &[u8]) -> Vec<String> {
        let path = std::env::temp_dir().join(format!("damage-{}.pdf", uuid::Uuid::new_v4()));
        std::fs::write(&path, bytes).unwrap();
        let w = pdf_damage(&path);
        let _ = std::fs::remove_file(&path);
        w
    }

    #[test]
    fn a_whole_pdf_has_no_warning_a_cut_or_repaired_one_has() {
        let pdf = whole_pdf();
        assert_eq!(damage_of(&pdf), Vec::<String>::new());
        // Cut in transit: no %%EOF, and startxref gone with it.
        let cut = &pdf[..pdf.len() * 2 / 3];
        let w = damage_of(cut);
        assert!(w.iter().any(|w| w.contains("tronqué")), "{w:?}");
        // A startxref pointing nowhere: the reader has to rebuild the table.
        let text = String::from_utf8_lossy(&pdf).to_string();
        let at = text.rfind("startxref").unwrap();
        let mut bad = pdf[..at].to_vec();
        bad.extend_from_slice(b"startxref\n7\n%%EOF\n");
        let w = damage_of(&bad);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("références croisées"), "{w:?}");
    }
}
