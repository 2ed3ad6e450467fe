//! A scanned page as it came out of the batch file: its image still encoded as the scanner
//! wrote it, so pieces can be built without re-encoding, and decoded on demand for OCR.

use image::{GrayImage, ImageDecoder};
use serde::{Deserialize, Serialize};

/// How a page image's bytes are encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Encoding {
    /// JPEG (`/DCTDecode`), embedded as is.
    Dct,
    /// zlib (`/FlateDecode`), with the PNG predictor parameters when any.
    Flate { predictor: u8, columns: u32 },
    /// CCITT fax (`/CCITTFaxDecode`); `k < 0` is Group 4.
    Ccitt {
        k: i32,
        black_is_1: bool,
        encoded_byte_align: bool,
    },
    /// Uncompressed samples (from TIFF decoding): compressed losslessly when a piece is built.
    Raw,
}

/// One page's image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncodedImage {
    pub width: u32,
    pub height: u32,
    pub bits_per_component: u8,
    /// 1 (grey) or 3 (RGB).
    pub components: u8,
    pub encoding: Encoding,
    /// `/Decode [1 0]`: samples inverted.
    pub inverted: bool,
    #[serde(skip)]
    pub data: Vec<u8>,
}

/// A page of a batch, 1-based.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawPage {
    pub number: u32,
    pub image: EncodedImage,
    /// The page's own `/Rotate` (clockwise degrees).
    pub rotate: u16,
    /// Page size in PDF points (1/72 in).
    pub size_pt: (f32, f32),
}

/// Why a page image could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("image JPEG illisible : {0}")]
    Jpeg(String),
    #[error("flux compressé illisible : {0}")]
    Flate(String),
    #[error("image CCITT illisible")]
    Ccitt,
    #[error("image tronquée : {got} octets pour {want} attendus")]
    Truncated { got: usize, want: usize },
    #[error("dimensions d'image invalides : {0}x{1}")]
    Dimensions(u32, u32),
    #[error("format d'image non pris en charge : {0}")]
    Unsupported(String),
}

/// Largest page accepted: 60 × 60 inches at 300 dpi is far beyond any scanner.
pub const MAX_SIDE: u32 = 18_000;
/// Largest decoded page in bytes (grey).
pub const MAX_PIXELS: u64 = 120_000_000;

impl EncodedImage {
    /// Checks the declared dimensions before anything is allocated for them.
    pub fn check_dimensions(&self) -> Result<(), DecodeError> {
        let (w, h) = (self.width, self.height);
        if w == 0
            || h == 0
            || w > MAX_SIDE
            || h > MAX_SIDE
            || u64::from(w) * u64::from(h) > MAX_PIXELS
        {
            return Err(DecodeError::Dimensions(w, h));
        }
        Ok(())
    }

    /// Decodes to 8-bit grey (for OCR and blank detection).
    ///
    /// # Errors
    /// [`DecodeError`] naming what is wrong with the image.
    pub fn decode_gray(&self) -> Result<GrayImage, DecodeError> {
        self.check_dimensions()?;
        let (w, h) = (self.width, self.height);
        let mut gray = match &self.encoding {
            Encoding::Dct => {
                let mut dec =
                    image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(&self.data))
                        .map_err(|e| DecodeError::Jpeg(e.to_string()))?;
                let mut limits = image::Limits::default();
                limits.max_image_width = Some(MAX_SIDE);
                limits.max_image_height = Some(MAX_SIDE);
                limits.max_alloc = Some(MAX_PIXELS * 4);
                dec.set_limits(limits)
                    .map_err(|e| DecodeError::Jpeg(e.to_string()))?;
                let img = image::DynamicImage::from_decoder(dec)
                    .map_err(|e| DecodeError::Jpeg(e.to_string()))?;
                img.into_luma8()
            }
            Encoding::Flate { predictor, columns } => {
                let want = self.row_bytes() * h as usize;
                let raw = inflate(&self.data, want + h as usize + 16)?;
                let samples = if *predictor >= 10 {
                    unpredict_png(&raw, self.row_bytes(), h, *columns)?
                } else {
                    raw
                };
                self.samples_to_gray(&samples)?
            }
            Encoding::Raw => self.samples_to_gray(&self.data)?,
            Encoding::Ccitt { k, black_is_1, .. } => {
                if *k >= 0 {
                    return Err(DecodeError::Unsupported("CCITT groupe 3".into()));
                }
                let width = u16::try_from(w).map_err(|_| DecodeError::Dimensions(w, h))?;
                let height = u16::try_from(h).map_err(|_| DecodeError::Dimensions(w, h))?;
                let mut buf = Vec::with_capacity((w * h) as usize);
                fax::decoder::decode_g4(self.data.iter().copied(), width, Some(height), |line| {
                    for c in fax::decoder::pels(line, width) {
                        let white = matches!(c, fax::Color::White) != *black_is_1;
                        buf.push(if white { 255 } else { 0 });
                    }
                })
                .ok_or(DecodeError::Ccitt)?;
                buf.resize((w * h) as usize, 255);
                GrayImage::from_raw(w, h, buf).ok_or(DecodeError::Ccitt)?
            }
        };
        if self.inverted {
            image::imageops::invert(&mut gray);
        }
        if gray.dimensions() != (w, h) {
            return Err(DecodeError::Dimensions(gray.width(), gray.height()));
        }
        Ok(gray)
    }

    fn row_bytes(&self) -> usize {
        (self.width as usize * self.components as usize * self.bits_per_component as usize)
            .div_ceil(8)
    }

    fn samples_to_gray(&self, samples: &[u8]) -> Result<GrayImage, DecodeError> {
        let (w, h) = (self.width as usize, self.height as usize);
        let row = self.row_bytes();
        if samples.len() < row * h {
            return Err(DecodeError::Truncated {
                got: samples.len(),
                want: row * h,
            });
        }
        let mut out = Vec::with_capacity(w * h);
        match (self.bits_per_component, self.components) {
            (8, 1) => {
                for y in 0..h {
                    out.extend_from_slice(&samples[y * row..y * row + w]);
                }
            }
            (8, 3) => {
                for y in 0..h {
                    for px in samples[y * row..y * row + 3 * w].chunks_exact(3) {
                        let l =
                            (299 * px[0] as u32 + 587 * px[1] as u32 + 114 * px[2] as u32) / 1000;
                        out.push(l as u8);
                    }
                }
            }
            (1, 1) => {
                for y in 0..h {
                    let r = &samples[y * row..(y + 1) * row];
                    for x in 0..w {
                        let bit = (r[x / 8] >> (7 - (x % 8))) & 1;
                        out.push(if bit == 1 { 255 } else { 0 });
                    }
                }
            }
            (bpc, n) => {
                return Err(DecodeError::Unsupported(format!(
                    "{n} composantes de {bpc} bits"
                )))
            }
        }
        GrayImage::from_raw(self.width, self.height, out)
            .ok_or(DecodeError::Dimensions(self.width, self.height))
    }
}

fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(limit as u64)
        .read_to_end(&mut out)
        .map_err(|e| DecodeError::Flate(e.to_string()))?;
    Ok(out)
}

/// Undoes PNG row predictors (`/Predictor` ≥ 10).
fn unpredict_png(
    raw: &[u8],
    row: usize,
    height: u32,
    _columns: u32,
) -> Result<Vec<u8>, DecodeError> {
    let mut out = vec![0u8; row * height as usize];
    let bpp = 1;
    for y in 0..height as usize {
        let src = raw
            .get(y * (row + 1)..(y + 1) * (row + 1))
            .ok_or(DecodeError::Truncated {
                got: raw.len(),
                want: (row + 1) * height as usize,
            })?;
        let (filter, line) = (src[0], &src[1..]);
        for x in 0..row {
            let a = if x >= bpp { out[y * row + x - bpp] } else { 0 };
            let b = if y > 0 { out[(y - 1) * row + x] } else { 0 };
            let c = if y > 0 && x >= bpp {
                out[(y - 1) * row + x - bpp]
            } else {
                0
            };
            let v = match filter {
                0 => line[x],
                1 => line[x].wrapping_add(a),
                2 => line[x].wrapping_add(b),
                3 => line[x].wrapping_add(((a as u16 + b as u16) / 2) as u8),
                4 => {
                    let p = a as i16 + b as i16 - c as i16;
                    let (pa, pb, pc) = (
                        (p - a as i16).abs(),
                        (p - b as i16).abs(),
                        (p - c as i16).abs(),
                    );
                    let pred = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    line[x].wrapping_add(pred)
                }
                _ => {
                    return Err(DecodeError::Flate(format!(
                        "prédicteur PNG {filter} inconnu"
                    )))
                }
            };
            out[y * row + x] = v;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_absurd_dimensions_before_allocating() {
        let img = EncodedImage {
            width: 50_000,
            height: 50_000,
            bits_per_component: 8,
            components: 1,
            encoding: Encoding::Raw,
            inverted: false,
            data: vec![],
        };
        assert!(matches!(
            img.decode_gray(),
            Err(DecodeError::Dimensions(50_000, 50_000))
        ));
    }

    #[test]
    fn decodes_bitonal_flate_and_reports_truncation() {
        use std::io::Write;
        // 16x2 bitonal: first row black, second white (1 = white).
        let raw = [0u8, 0, 0xff, 0xff];
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&raw).unwrap();
        let mut img = EncodedImage {
            width: 16,
            height: 2,
            bits_per_component: 1,
            components: 1,
            encoding: Encoding::Flate {
                predictor: 1,
                columns: 16,
            },
            inverted: false,
            data: z.finish().unwrap(),
        };
        let g = img.decode_gray().unwrap();
        assert_eq!((g.get_pixel(3, 0).0[0], g.get_pixel(3, 1).0[0]), (0, 255));
        img.height = 3;
        assert!(matches!(
            img.decode_gray(),
            Err(DecodeError::Truncated { .. })
        ));
    }
}
