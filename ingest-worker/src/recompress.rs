//! Recompression of the page images of a deposited PDF that is not compact (a scan at 600 dpi,
//! a photo pasted at full size, JPEG at quality 98…). A compact PDF is kept as it is.
//!
//! Only plain 8-bit grey or RGB images are re-encoded (`/DCTDecode`, `/FlateDecode` or no
//! filter; `DeviceGray`, `DeviceRGB` or an ICC profile of 1 or 3 components), with no mask and
//! no `/Decode` array: each is scaled down to [`photo::TARGET_LONG_SIDE`] at most (A4 at
//! 200 dpi when the image fills the page), turned grey when colour carries nothing, and encoded
//! as a baseline JPEG. An image is replaced only when that saves a fifth of its bytes. Bitonal
//! images (CCITT, JBIG2, 1 bit) are already small and are left alone.
//!
//! Runs on untrusted input, in the merge child: pixel counts are checked before decoding.

use lopdf::{Dictionary, Document, Object, Stream};

use crate::merge::MAX_IMAGE_PIXELS;
use crate::photo;

/// A PDF is compact when its pages average at most this many bytes.
pub const COMPACT_BYTES_PER_PAGE: usize = 400_000;

/// Images smaller than this are not worth re-encoding.
const MIN_IMAGE_BYTES: usize = 100_000;

/// JPEG quality of a re-encoded page image: text stays sharp at 200 dpi.
const QUALITY: u8 = 72;

/// Whether a PDF of `bytes` bytes and `pages` pages needs its images recompressed.
pub fn needs_recompression(bytes: usize, pages: usize) -> bool {
    bytes > COMPACT_BYTES_PER_PAGE * pages.max(1)
}

/// Re-encodes the page images of `doc` in place; returns how many were replaced.
pub fn recompress_images(doc: &mut Document) -> usize {
    let ids: Vec<_> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Stream(s) if is_image(&s.dict) && s.content.len() >= MIN_IMAGE_BYTES => {
                Some(*id)
            }
            _ => None,
        })
        .collect();
    let mut replaced = 0;
    for id in ids {
        let Some(Object::Stream(stream)) = doc.objects.get(&id) else {
            continue;
        };
        if let Some(new) = reencode(doc, stream) {
            doc.objects.insert(id, Object::Stream(new));
            replaced += 1;
        }
    }
    replaced
}

fn is_image(dict: &Dictionary) -> bool {
    is_readable_image(dict) && !dict.has(b"SMask")
}

/// An 8-bit image whose samples can be read for OCR: possibly with a soft mask (alpha), which
/// recompression must not touch but a reader composes onto white paper.
fn is_readable_image(dict: &Dictionary) -> bool {
    dict.get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Image")
        && !dict
            .get(b"ImageMask")
            .and_then(Object::as_bool)
            .unwrap_or(false)
        && !dict.has(b"Mask")
        && !dict.has(b"Decode")
        && dict
            .get(b"BitsPerComponent")
            .and_then(Object::as_i64)
            .is_ok_and(|b| b == 8)
}

/// 1 (grey) or 3 (RGB) for the colour spaces handled; `None` otherwise.
fn channels(doc: &Document, dict: &Dictionary) -> Option<usize> {
    let cs = dict.get(b"ColorSpace").ok()?;
    let cs = doc.dereference(cs).ok()?.1;
    match cs {
        Object::Name(n) if n == b"DeviceGray" => Some(1),
        Object::Name(n) if n == b"DeviceRGB" => Some(3),
        Object::Array(a) if a.len() == 2 && a[0].as_name().is_ok_and(|n| n == b"ICCBased") => {
            let profile = doc.dereference(&a[1]).ok()?.1.as_stream().ok()?;
            match profile.dict.get(b"N").and_then(Object::as_i64).ok()? {
                1 => Some(1),
                3 => Some(3),
                _ => None,
            }
        }
        _ => None,
    }
}

fn filters(dict: &Dictionary) -> Vec<Vec<u8>> {
    match dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// The image's pixels (grey or RGB, 8 bits), when they can be read safely.
fn pixels(stream: &Stream, w: u32, h: u32, channels: usize) -> Option<Vec<u8>> {
    let expected = w as usize * h as usize * channels;
    let f = filters(&stream.dict);
    let raw = match f.iter().map(Vec::as_slice).collect::<Vec<_>>()[..] {
        [b"DCTDecode"] => {
            let mut reader = image::ImageReader::with_format(
                std::io::Cursor::new(&stream.content),
                image::ImageFormat::Jpeg,
            );
            let mut limits = image::Limits::default();
            limits.max_image_width = Some(w);
            limits.max_image_height = Some(h);
            limits.max_alloc = Some(MAX_IMAGE_PIXELS * 8);
            reader.limits(limits);
            let img = reader.decode().ok()?;
            if (img.width(), img.height()) != (w, h) {
                return None;
            }
            if channels == 1 {
                img.into_luma8().into_raw()
            } else {
                img.into_rgb8().into_raw()
            }
        }
        [b"FlateDecode"] | [] => {
            let data = if f.is_empty() {
                stream.content.clone()
            } else {
                stream.decompressed_content().ok()?
            };
            data.get(..expected)?.to_vec()
        }
        _ => return None,
    };
    (raw.len() == expected).then_some(raw)
}

/// Whether colour carries nothing: under 1 % of pixels (sampled) with a marked hue.
fn colourless(rgb: &[u8]) -> bool {
    let step = (rgb.len() / 3 / 200_000).max(1);
    let (mut seen, mut coloured) = (0usize, 0usize);
    for px in rgb.chunks_exact(3).step_by(step) {
        seen += 1;
        let max = px.iter().copied().max().unwrap_or(0);
        let min = px.iter().copied().min().unwrap_or(0);
        if max - min > 48 {
            coloured += 1;
        }
    }
    coloured * 100 <= seen
}

/// An image's samples with its width, height and channels (1 or 3), when this module handles
/// its colour space and encoding and its declared size is within the pixel cap.
fn image_samples(doc: &Document, stream: &Stream) -> Option<(Vec<u8>, u32, u32, usize)> {
    let channels = channels(doc, &stream.dict)?;
    let w = u32::try_from(stream.dict.get(b"Width").and_then(Object::as_i64).ok()?).ok()?;
    let h = u32::try_from(stream.dict.get(b"Height").and_then(Object::as_i64).ok()?).ok()?;
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return None;
    }
    Some((pixels(stream, w, h, channels)?, w, h, channels))
}

fn reencode(doc: &Document, stream: &Stream) -> Option<Stream> {
    let dict = &stream.dict;
    let (mut raw, w, h, channels) = image_samples(doc, stream)?;
    let mut gray = channels == 1;
    if !gray && colourless(&raw) {
        raw = raw
            .chunks_exact(3)
            .map(|p| {
                ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000)
                    as u8
            })
            .collect();
        gray = true;
    }
    let scale = (photo::TARGET_LONG_SIDE as f32 / w.max(h) as f32).min(1.0);
    let (nw, nh) = (
        ((w as f32 * scale).round() as u32).max(1),
        ((h as f32 * scale).round() as u32).max(1),
    );
    let jpeg = if gray {
        let img = image::GrayImage::from_raw(w, h, raw)?;
        let img = if scale < 1.0 {
            image::imageops::resize(&img, nw, nh, image::imageops::FilterType::Triangle)
        } else {
            img
        };
        encode(img.as_raw(), nw, nh, image::ExtendedColorType::L8)
    } else {
        let img = image::RgbImage::from_raw(w, h, raw)?;
        let img = if scale < 1.0 {
            image::imageops::resize(&img, nw, nh, image::imageops::FilterType::Triangle)
        } else {
            img
        };
        encode(img.as_raw(), nw, nh, image::ExtendedColorType::Rgb8)
    };
    if jpeg.len() * 5 > stream.content.len() * 4 {
        return None;
    }
    let mut new = dict.clone();
    new.set("Width", i64::from(nw));
    new.set("Height", i64::from(nh));
    new.set(
        "ColorSpace",
        Object::Name(if gray {
            b"DeviceGray".to_vec()
        } else {
            b"DeviceRGB".to_vec()
        }),
    );
    new.set("BitsPerComponent", 8);
    new.set("Filter", Object::Name(b"DCTDecode".to_vec()));
    new.remove(b"DecodeParms");
    new.remove(b"Length");
    Some(Stream::new(new, jpeg).with_compression(false))
}

/// The grey image of the first page when the page is one scanned image (for OCR); `None`
/// when the page holds no image this module can decode.
pub fn first_page_image(doc: &Document) -> Option<image::GrayImage> {
    let page_id = *doc.get_pages().get(&1)?;
    // Resources inline, or referenced (by the page or inherited from the page tree).
    let (inline, referenced) = doc.get_page_resources(page_id).ok()?;
    let mut images = Vec::new();
    for resources in inline.into_iter().chain(
        referenced
            .iter()
            .filter_map(|id| doc.get_dictionary(*id).ok()),
    ) {
        collect_images(doc, resources, 0, &mut images);
    }
    // The largest image of the page.
    let stream = images.into_iter().max_by_key(|s| {
        let d = |k: &[u8]| s.dict.get(k).and_then(Object::as_i64).unwrap_or(0);
        d(b"Width").saturating_mul(d(b"Height"))
    })?;
    let (raw, w, h, channels) = image_samples(doc, stream)?;
    let mut gray = if channels == 1 {
        image::GrayImage::from_raw(w, h, raw)?
    } else {
        image::DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, raw)?).into_luma8()
    };
    // A soft mask of the same size: what it leaves transparent is the white of the paper.
    let alpha = stream
        .dict
        .get(b"SMask")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_stream().ok())
        .and_then(|m| image_samples(doc, m))
        .filter(|(_, mw, mh, c)| (*mw, *mh, *c) == (w, h, 1));
    if let Some((alpha, ..)) = alpha {
        for (p, a) in gray.iter_mut().zip(alpha) {
            let (v, a) = (u32::from(*p), u32::from(a));
            *p = ((v * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    // OCR at about 300 dpi for an A4 page at most: beyond, it only costs time.
    let scale = (3508.0 / w.max(h) as f32).min(1.0);
    Some(if scale < 1.0 {
        image::imageops::resize(
            &gray,
            (w as f32 * scale) as u32,
            (h as f32 * scale) as u32,
            image::imageops::FilterType::Triangle,
        )
    } else {
        gray
    })
}

/// The images a resource dictionary draws, also through form XObjects (as cairo and Quartz
/// wrap a scanned page's image), three forms deep at most.
fn collect_images<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
    depth: u8,
    out: &mut Vec<&'a Stream>,
) {
    let Some(xobjects) = resources
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return;
    };
    for (_, o) in xobjects.iter() {
        let Some(stream) = doc
            .dereference(o)
            .ok()
            .and_then(|(_, o)| o.as_stream().ok())
        else {
            continue;
        };
        if is_readable_image(&stream.dict) {
            out.push(stream);
        } else if depth < 3
            && stream.dict.get(b"Subtype").and_then(Object::as_name).ok()
                == Some(b"Form".as_slice())
        {
            if let Some(inner) = stream
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
            {
                collect_images(doc, inner, depth + 1, out);
            }
        }
    }
}

fn encode(pixels: &[u8], w: u32, h: u32, color: image::ExtendedColorType) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode(pixels, w, h, color)
        .expect("encoding valid pixels to memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A one-page PDF whose page is a `w × h` RGB image stored with `filter`.
    fn pdf_with_image(w: u32, h: u32, colour: bool, jpeg_quality: Option<u8>) -> Document {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            // Grey "text lines" on white, with a red stamp when `colour`.
            let line = (y / 12) % 3 == 0 && (x / 5) % 7 != 0;
            let stamp = colour && x > w / 2 && x < w / 2 + w / 5 && y > h / 3 && y < h / 3 + h / 5;
            // Paper grain, as on a scan: what makes raw samples compress badly.
            let grain = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) % 9;
            let g = |v: u8| v.saturating_sub(grain as u8);
            if stamp {
                image::Rgb([g(200), g(30), g(30)])
            } else if line {
                image::Rgb([g(40), g(40), g(40)])
            } else {
                image::Rgb([g(250), g(250), g(248)])
            }
        });
        let (content, filter) = match jpeg_quality {
            Some(q) => {
                let mut out = Vec::new();
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, q)
                    .encode(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
                    .unwrap();
                (out, Some("DCTDecode"))
            }
            None => (img.into_raw(), None),
        };
        let mut doc = Document::with_version("1.7");
        let mut dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(w),
            "Height" => i64::from(h), "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
        };
        if let Some(f) = filter {
            dict.set("Filter", Object::Name(f.as_bytes().to_vec()));
        }
        let mut stream = Stream::new(dict, content);
        if filter.is_none() {
            stream.compress().unwrap();
        }
        doc.add_object(Object::Stream(stream));
        doc
    }

    fn only_image(doc: &Document) -> &Stream {
        doc.objects
            .values()
            .find_map(|o| o.as_stream().ok())
            .unwrap()
    }

    #[test]
    fn a_large_scan_is_scaled_to_200_dpi_and_turned_grey() {
        // An A4 page at 400 dpi, colourless, JPEG quality 98.
        let mut doc = pdf_with_image(3307, 4677, false, Some(98));
        let before = only_image(&doc).content.len();
        assert_eq!(recompress_images(&mut doc), 1);
        let s = only_image(&doc);
        assert_eq!(s.dict.get(b"Height").unwrap().as_i64().unwrap(), 2339);
        assert_eq!(
            s.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceGray"
        );
        assert!(
            s.content.len() * 3 < before,
            "{} → {}",
            before,
            s.content.len()
        );
        let decoded = image::load_from_memory(&s.content).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (1654, 2339));
    }

    #[test]
    fn colour_that_carries_something_is_kept_and_raw_flate_images_are_handled() {
        let mut doc = pdf_with_image(1240, 1754, true, None);
        assert_eq!(recompress_images(&mut doc), 1);
        let s = only_image(&doc);
        assert_eq!(
            s.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceRGB"
        );
        assert_eq!(
            s.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"DCTDecode"
        );
        assert_eq!(s.dict.get(b"Width").unwrap().as_i64().unwrap(), 1240);
    }

    #[test]
    fn a_compact_image_and_a_masked_one_are_left_alone() {
        let mut doc = pdf_with_image(1240, 1754, false, Some(40));
        let before = only_image(&doc).content.clone();
        recompress_images(&mut doc);
        assert_eq!(only_image(&doc).content, before);
        let mut doc = pdf_with_image(3307, 4677, false, Some(98));
        for o in doc.objects.values_mut() {
            if let Object::Stream(s) = o {
                s.dict.set("SMask", Object::Reference((99, 0)));
            }
        }
        assert_eq!(recompress_images(&mut doc), 0);
    }

    #[test]
    fn a_declared_size_that_does_not_match_the_data_is_not_decoded() {
        let mut doc = pdf_with_image(1240, 1754, false, Some(98));
        for o in doc.objects.values_mut() {
            if let Object::Stream(s) = o {
                s.dict.set("Width", 60_000);
                s.dict.set("Height", 60_000);
            }
        }
        assert_eq!(recompress_images(&mut doc), 0);
    }
}
