//! Building one PDF per piece from its scanned page images, **without re-encoding** them:
//! JPEG pages are embedded as they are, bitonal pages stay bitonal (CCITT or Flate as scanned);
//! only raw samples (from TIFF batches) are compressed, losslessly. Upright orientation is set
//! with the page's `/Rotate`, so no pixel is touched.

use std::io::Write;

use crate::page::{Encoding, RawPage};

/// A page to put in a piece: the scanned page and the clockwise rotation that makes it upright.
pub struct PiecePage<'a> {
    pub page: &'a RawPage,
    pub extra_rotation: u16,
}

/// Writes a PDF holding the pages in order.
pub fn build(pages: &[PiecePage<'_>]) -> Vec<u8> {
    let mut w = PdfWriter::default();
    w.raw(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n");
    // Object numbers: 1 catalog, 2 pages, then 3 per page (page, content, image).
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    w.object(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    w.object(
        2,
        format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), n).as_bytes(),
    );
    for (i, p) in pages.iter().enumerate() {
        let (page_obj, content_obj, image_obj) = (3 + 3 * i, 4 + 3 * i, 5 + 3 * i);
        let img = &p.page.image;
        let (pw, ph) = p.page.size_pt;
        let rotate = (p.page.rotate + p.extra_rotation) % 360;
        w.object(
            page_obj,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2} {ph:.2}] /Rotate {rotate} \
                 /Resources << /XObject << /Im0 {image_obj} 0 R >> >> /Contents {content_obj} 0 R >>"
            )
            .as_bytes(),
        );
        let content = format!("q {pw:.2} 0 0 {ph:.2} 0 0 cm /Im0 Do Q");
        w.stream(content_obj, "", content.as_bytes());
        let colorspace = if img.components == 3 {
            "/DeviceRGB"
        } else {
            "/DeviceGray"
        };
        let decode = if img.inverted {
            if img.components == 3 {
                " /Decode [1 0 1 0 1 0]"
            } else {
                " /Decode [1 0]"
            }
        } else {
            ""
        };
        let mut dict = format!(
            "/Type /XObject /Subtype /Image /Width {} /Height {} /BitsPerComponent {} /ColorSpace {colorspace}{decode}",
            img.width, img.height, img.bits_per_component
        );
        let compressed;
        let data: &[u8] = match &img.encoding {
            Encoding::Dct => {
                dict.push_str(" /Filter /DCTDecode");
                &img.data
            }
            Encoding::Flate { predictor, columns } => {
                dict.push_str(" /Filter /FlateDecode");
                if *predictor > 1 {
                    dict.push_str(&format!(
                        " /DecodeParms << /Predictor {predictor} /Colors {} /BitsPerComponent {} /Columns {columns} >>",
                        img.components, img.bits_per_component
                    ));
                }
                &img.data
            }
            Encoding::Ccitt {
                k,
                black_is_1,
                encoded_byte_align,
            } => {
                dict.push_str(&format!(
                    " /Filter /CCITTFaxDecode /DecodeParms << /K {k} /Columns {} /Rows {} /BlackIs1 {black_is_1} /EncodedByteAlign {encoded_byte_align} >>",
                    img.width, img.height
                ));
                &img.data
            }
            Encoding::Raw => {
                let mut z =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
                z.write_all(&img.data).expect("writing to memory");
                compressed = z.finish().expect("writing to memory");
                dict.push_str(" /Filter /FlateDecode");
                &compressed
            }
        };
        w.stream(image_obj, &dict, data);
    }
    w.finish(1)
}

#[derive(Default)]
struct PdfWriter {
    buf: Vec<u8>,
    offsets: Vec<(usize, usize)>,
}

impl PdfWriter {
    fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    fn object(&mut self, id: usize, body: &[u8]) {
        self.offsets.push((id, self.buf.len()));
        self.raw(format!("{id} 0 obj\n").as_bytes());
        self.raw(body);
        self.raw(b"\nendobj\n");
    }

    fn stream(&mut self, id: usize, dict: &str, data: &[u8]) {
        self.offsets.push((id, self.buf.len()));
        self.raw(format!("{id} 0 obj\n<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes());
        self.raw(data);
        self.raw(b"\nendstream\nendobj\n");
    }

    fn finish(mut self, root: usize) -> Vec<u8> {
        self.offsets.sort_unstable();
        let count = self.offsets.len() + 1;
        let xref = self.buf.len();
        self.raw(format!("xref\n0 {count}\n0000000000 65535 f \n").as_bytes());
        let offsets = std::mem::take(&mut self.offsets);
        for (_, off) in &offsets {
            self.raw(format!("{off:010} 00000 n \n").as_bytes());
        }
        self.raw(
            format!("trailer\n<< /Size {count} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n")
                .as_bytes(),
        );
        self.buf
    }
}
