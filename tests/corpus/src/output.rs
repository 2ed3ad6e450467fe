//! Encoding pages as a scanner does: a PDF with one image per page (no text layer), written
//! incrementally with a hand-made xref table, or a multi-page TIFF.

use std::io::{Seek, Write};

use anyhow::Context;
use flate2::write::ZlibEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, GrayImage};
use tiff::encoder::{colortype, Compression, DeflateLevel, Rational, TiffEncoder};
use tiff::tags::ResolutionUnit;

use super::raster;

/// One encoded page, ready to be written.
pub(crate) enum Encoded {
    /// 8-bit grayscale JPEG (`/DCTDecode`).
    Jpeg { w: u32, h: u32, data: Vec<u8> },
    /// 1 bit per pixel, MSB first, rows padded, 1 = white, zlib (`/FlateDecode`).
    Bitonal { w: u32, h: u32, data: Vec<u8> },
    /// Raw 8-bit grayscale (TIFF pages).
    Gray { w: u32, h: u32, data: Vec<u8> },
}

pub(crate) fn encode_pdf_page(
    img: &GrayImage,
    bitonal: Option<u8>,
    quality: u8,
) -> anyhow::Result<Encoded> {
    let (w, h) = img.dimensions();
    match bitonal {
        Some(t) => {
            let packed = raster::pack_bitonal(img, t);
            let mut z = ZlibEncoder::new(
                Vec::with_capacity(packed.len() / 8),
                flate2::Compression::new(6),
            );
            z.write_all(&packed)?;
            Ok(Encoded::Bitonal {
                w,
                h,
                data: z.finish()?,
            })
        }
        None => {
            let mut data = Vec::with_capacity((w * h / 8) as usize);
            JpegEncoder::new_with_quality(&mut data, quality)
                .encode(img.as_raw(), w, h, ExtendedColorType::L8)
                .context("JPEG encoding")?;
            Ok(Encoded::Jpeg { w, h, data })
        }
    }
}

pub(crate) fn encode_tiff_page(mut img: GrayImage, bitonal: Option<u8>) -> Encoded {
    if let Some(t) = bitonal {
        raster::threshold(&mut img, t);
    }
    let (w, h) = img.dimensions();
    Encoded::Gray {
        w,
        h,
        data: img.into_raw(),
    }
}

/// A [`Write`] that counts bytes, for the xref offsets.
struct Counting<W> {
    inner: W,
    pos: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Minimal streaming PDF writer: objects 1 (Catalog), 2 (Pages), 3 (Info), then per page the
/// image XObject, the content stream and the Page.
pub(crate) struct PdfWriter<W: Write> {
    out: Counting<W>,
    offsets: Vec<u64>,
    pages: Vec<u32>,
    dpi: u32,
}

fn pt(px: u32, dpi: u32) -> String {
    let v = px as f64 * 72.0 / dpi as f64;
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

impl<W: Write> PdfWriter<W> {
    pub fn new(inner: W, dpi: u32) -> anyhow::Result<Self> {
        let mut out = Counting { inner, pos: 0 };
        out.write_all(b"%PDF-1.5\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(Self {
            out,
            offsets: vec![0; 4],
            pages: Vec::new(),
            dpi,
        })
    }

    fn begin(&mut self, id: u32) -> anyhow::Result<()> {
        let idx = id as usize;
        if self.offsets.len() <= idx {
            self.offsets.resize(idx + 1, 0);
        }
        self.offsets[idx] = self.out.pos;
        writeln!(self.out, "{id} 0 obj")?;
        Ok(())
    }

    fn alloc(&mut self) -> u32 {
        self.offsets.push(0);
        (self.offsets.len() - 1) as u32
    }

    pub fn add_page(&mut self, page: &Encoded) -> anyhow::Result<()> {
        let (w, h, bpc, filter, data) = match page {
            Encoded::Jpeg { w, h, data } => (*w, *h, 8, "DCTDecode", data),
            Encoded::Bitonal { w, h, data } => (*w, *h, 1, "FlateDecode", data),
            Encoded::Gray { .. } => anyhow::bail!("raw pages are for TIFF output"),
        };
        let img_id = self.alloc();
        let content_id = self.alloc();
        let page_id = self.alloc();
        self.begin(img_id)?;
        write!(
            self.out,
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray \
             /BitsPerComponent {bpc} /Filter /{filter} /Length {} >>\nstream\n",
            data.len()
        )?;
        self.out.write_all(data)?;
        self.out.write_all(b"\nendstream\nendobj\n")?;
        let (pw, ph) = (pt(w, self.dpi), pt(h, self.dpi));
        let content = format!("q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q");
        self.begin(content_id)?;
        write!(
            self.out,
            "<< /Length {} >>\nstream\n{content}\nendstream\nendobj\n",
            content.len()
        )?;
        self.begin(page_id)?;
        write!(
            self.out,
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw} {ph}] \
             /Resources << /XObject << /Im0 {img_id} 0 R >> >> /Contents {content_id} 0 R >>\nendobj\n"
        )?;
        self.pages.push(page_id);
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<W> {
        self.begin(1)?;
        self.out
            .write_all(b"<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")?;
        self.begin(2)?;
        let kids: Vec<String> = self.pages.iter().map(|id| format!("{id} 0 R")).collect();
        write!(
            self.out,
            "<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n",
            kids.join(" "),
            self.pages.len()
        )?;
        self.begin(3)?;
        self.out
            .write_all(b"<< /Producer (Dossier Unique gen-corpus) /Creator (Synthetic scanner batch) >>\nendobj\n")?;
        let xref = self.out.pos;
        let n = self.offsets.len();
        write!(self.out, "xref\n0 {n}\n0000000000 65535 f \n")?;
        for off in &self.offsets[1..] {
            writeln!(self.out, "{off:010} 00000 n ")?;
        }
        write!(
            self.out,
            "trailer\n<< /Size {n} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        )?;
        self.out.flush()?;
        Ok(self.out.inner)
    }
}

/// Multi-page TIFF output (Gray8, Deflate, resolution tags).
pub(crate) struct TiffWriter<W: Write + Seek> {
    enc: TiffEncoder<W>,
    dpi: u32,
}

impl<W: Write + Seek> TiffWriter<W> {
    pub fn new(inner: W, dpi: u32) -> anyhow::Result<Self> {
        let enc = TiffEncoder::new(inner)
            .context("TIFF header")?
            .with_compression(Compression::Deflate(DeflateLevel::Fast));
        Ok(Self { enc, dpi })
    }

    pub fn add_page(&mut self, page: &Encoded) -> anyhow::Result<()> {
        let Encoded::Gray { w, h, data } = page else {
            anyhow::bail!("TIFF pages must be raw grayscale");
        };
        let mut img = self
            .enc
            .new_image::<colortype::Gray8>(*w, *h)
            .context("TIFF page")?;
        img.resolution(ResolutionUnit::Inch, Rational { n: self.dpi, d: 1 });
        img.rows_per_strip(64).context("TIFF strips")?;
        img.write_data(data).context("TIFF page data")?;
        Ok(())
    }

    pub fn finish(self) -> anyhow::Result<()> {
        drop(self.enc);
        Ok(())
    }
}
