//! The photo normalization (`ingest_worker::photo`) on generated phone photos: upright,
//! cropped, grey, without metadata, within its budget. These tests live here, with the photo
//! generator, so that production code does not carry the generator.

use std::io::Cursor;

use corpus::photo::{bars_page, photograph, PhotoOptions};
use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageFormat};
use ingest_worker::merge;
use ingest_worker::photo::{
    exif_orientation, from_jpeg, from_png, PAGE_BUDGET_BYTES, TOO_BIG_TO_READ,
};

/// The page's image as the PDF has it, decoded, with its colour space.
fn page_image(pdf: &[u8]) -> (image::DynamicImage, Vec<u8>) {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages = doc.get_pages();
    let page = doc.get_dictionary(pages[&1]).unwrap();
    let res = page
        .get_deref(b"Resources", &doc)
        .unwrap()
        .as_dict()
        .unwrap();
    let xo = res.get_deref(b"XObject", &doc).unwrap().as_dict().unwrap();
    let im = xo.get_deref(b"Im0", &doc).unwrap().as_stream().unwrap();
    assert_eq!(
        im.dict.get(b"Filter").unwrap().as_name().unwrap(),
        b"DCTDecode"
    );
    let cs = im
        .dict
        .get(b"ColorSpace")
        .unwrap()
        .as_name()
        .unwrap()
        .to_vec();
    (image::load_from_memory(&im.content).unwrap(), cs)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Share of dark pixels in a region given as fractions of the image.
fn dark_share(img: &image::GrayImage, x0: f32, y0: f32, x1: f32, y1: f32) -> f32 {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let (mut dark, mut all) = (0, 0);
    for y in (y0 * h) as u32..(y1 * h) as u32 {
        for x in (x0 * w) as u32..(x1 * w) as u32 {
            all += 1;
            if img.get_pixel(x, y)[0] < 110 {
                dark += 1;
            }
        }
    }
    dark as f32 / all as f32
}

/// The generated page's mark (top left) is in the output's top left, the other corners
/// are blank, and the margins are paper, not background.
fn assert_upright_and_cropped(img: &image::GrayImage) {
    let ratio = img.height() as f32 / img.width() as f32;
    assert!(
        (1.3..1.53).contains(&ratio),
        "aspect {ratio} ({:?})",
        img.dimensions()
    );
    let tl = dark_share(img, 0.07, 0.04, 0.2, 0.13);
    let others = [
        dark_share(img, 0.8, 0.04, 0.93, 0.13),
        dark_share(img, 0.07, 0.87, 0.2, 0.96),
        dark_share(img, 0.8, 0.87, 0.93, 0.96),
    ];
    assert!(tl > 0.15, "mark not top left: {tl} vs {others:?}");
    assert!(others.iter().all(|&o| o < 0.03), "{tl} vs {others:?}");
    // Margins: paper. Background left over would be dark.
    let margins = [
        dark_share(img, 0.02, 0.02, 0.98, 0.035),
        dark_share(img, 0.02, 0.965, 0.98, 0.98),
        dark_share(img, 0.02, 0.02, 0.035, 0.98),
        dark_share(img, 0.965, 0.02, 0.98, 0.98),
    ];
    assert!(margins.iter().all(|&m| m < 0.05), "margins {margins:?}");
    // Bars (text) are still there, and dark.
    let body = dark_share(img, 0.1, 0.2, 0.9, 0.85);
    assert!(body > 0.1, "body {body}");
}

fn photo(orientation: u8, colour: bool) -> Vec<u8> {
    let page = bars_page(420, 594, colour);
    photograph(
        &page,
        &PhotoOptions {
            orientation,
            seed: orientation as u64,
            ..PhotoOptions::small()
        },
    )
}

#[test]
fn exif_orientation_is_read() {
    for o in 1..=8 {
        assert_eq!(exif_orientation(&photo(o, false)), Some(o));
    }
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 80)
        .encode(&[0; 16 * 16], 16, 16, ExtendedColorType::L8)
        .unwrap();
    assert_eq!(exif_orientation(&plain), None);
    assert_eq!(exif_orientation(b"\xff\xd8\xff\xe1\x00"), None);
}

#[test]
fn photos_come_out_upright_cropped_grey_and_without_metadata() {
    for o in [1, 3, 6, 8] {
        let input = photo(o, false);
        assert!(contains(&input, b"Exif") && contains(&input, b"GPS-TRACE"));
        let (pdf, pages) = merge::merge(&[input.clone()]).unwrap();
        assert_eq!(pages, 1);
        for needle in [&b"Exif"[..], b"GPS-TRACE", b"TestPhone", b"secret comment"] {
            assert!(!contains(&pdf, needle), "orientation {o}: {needle:?} left");
        }
        assert!(pdf.len() < 400_000, "orientation {o}: {} bytes", pdf.len());
        let (img, cs) = page_image(&pdf);
        assert_eq!(cs, b"DeviceGray", "orientation {o}");
        assert_upright_and_cropped(&img.into_luma8());
        let page = from_jpeg(&input, PAGE_BUDGET_BYTES).unwrap();
        assert!(page.cropped && page.gray, "orientation {o}");
    }
}

#[test]
fn deep_shadow_strong_perspective_and_a_light_table() {
    let options = PhotoOptions {
        shadow: 0.6,
        perspective: 0.18,
        table: 125.0,
        orientation: 8,
        ..PhotoOptions::small()
    };
    let page = from_jpeg(
        &photograph(&bars_page(420, 594, false), &options),
        PAGE_BUDGET_BYTES,
    )
    .unwrap();
    assert!(page.cropped && page.gray);
    assert_upright_and_cropped(&image::load_from_memory(&page.jpeg).unwrap().into_luma8());
}

#[test]
fn colour_that_carries_something_stays() {
    let page = from_jpeg(&photo(6, true), PAGE_BUDGET_BYTES).unwrap();
    assert!(!page.gray && page.cropped);
    let img = image::load_from_memory(&page.jpeg).unwrap().into_rgb8();
    let gray = image::DynamicImage::ImageRgb8(img.clone()).into_luma8();
    assert_upright_and_cropped(&gray);
    // The first bar is red, the second black.
    let red_share = |y0: f32, y1: f32| {
        let (w, h) = (img.width() as f32, img.height() as f32);
        let (mut red, mut all) = (0, 0);
        for y in (y0 * h) as u32..(y1 * h) as u32 {
            for x in (0.1 * w) as u32..(0.6 * w) as u32 {
                let p = img.get_pixel(x, y).0;
                all += 1;
                if p[0] > 150 && p[1] < 110 && p[2] < 110 {
                    red += 1;
                }
            }
        }
        red as f32 / all as f32
    };
    let (first, second) = (red_share(0.19, 0.225), red_share(0.228, 0.258));
    assert!(first > 0.1 && second < 0.01, "{first} {second}");
}

#[test]
fn several_photos_make_one_pdf_in_order() {
    let (pdf, pages) = merge::merge(&[photo(3, false), photo(8, false)]).unwrap();
    assert_eq!(pages, 2);
    assert!(pdf.len() < 1_800_000);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    for id in doc.get_pages().values() {
        let media = doc
            .get_dictionary(*id)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let h = media[3].as_float().unwrap();
        // The sheet (about 900 px tall in the photo) at 200 dpi: never upscaled.
        assert!((290.0..=330.0).contains(&h), "{h}");
    }
}

#[test]
fn an_impossible_budget_is_refused_with_the_reason() {
    assert_eq!(
        from_jpeg(&photo(1, false), 2_000).unwrap_err(),
        TOO_BIG_TO_READ
    );
}

#[test]
fn png_photos_are_normalized_too() {
    // The photo as a PNG with an alpha channel (opaque), as some apps export it.
    let img = image::load_from_memory(&photo(1, false))
        .unwrap()
        .into_rgba8();
    let mut png = Cursor::new(Vec::new());
    img.write_to(&mut png, ImageFormat::Png).unwrap();
    let page = from_png(png.get_ref(), PAGE_BUDGET_BYTES).unwrap();
    assert!(page.cropped && page.gray);
    let out = image::load_from_memory(&page.jpeg).unwrap().into_luma8();
    assert_upright_and_cropped(&out);
}
