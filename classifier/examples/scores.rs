//! Prints how the lexicon scores a page's text (read from stdin): the best types with their
//! scores, the title found at the page's head and the confidence. A tool for extending the
//! lexicon from real documents: `tesseract page.png - -l fra | cargo run --example scores`.

use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("text on stdin");
    let scores = classifier::types::score_text(&classifier::text::normalize(&text));
    let mut by_type = scores.by_type.clone();
    by_type.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("title: {:?}", scores.title.as_ref().map(|t| t.as_str()));
    for (code, s) in by_type.iter().take(6) {
        println!("{:8} {s}", code.as_str());
    }
    println!("best: {:?}", scores.best());
}
