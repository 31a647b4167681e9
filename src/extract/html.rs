//! An article given as HTML, read as plain text: tags removed, entities
//! decoded (html5ever, through scraper), scripts, styles, navigation and
//! page furniture dropped, each block on a paragraph of its own.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose text is not the article's.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg", "template",
    "iframe", "head", "select", "menu", "figure",
];

/// Elements that start a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "td",
    "th",
    "article",
    "section",
    "blockquote",
    "main",
    "ul",
    "ol",
    "table",
    "dd",
    "dt",
    "pre",
    "hr",
    "title",
];

/// Whether the text is an HTML page or fragment rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(1000).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || ["<p>", "<p ", "<div", "<body", "<br"].iter().any(|t| head.contains(t))
}

/// The readable text of an HTML page; a walk of the tree, linear in its size.
pub fn to_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut dropped = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if DROPPED.contains(&e.name()) => dropped += 1,
                Node::Element(e) if dropped == 0 && BLOCKS.contains(&e.name()) => out.push_str("\n\n"),
                Node::Text(t) if dropped == 0 => out.push_str(&t.replace(['\n', '\r', '\t'], " ")),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if DROPPED.contains(&e.name()) => dropped = dropped.saturating_sub(1),
                Node::Element(e) if dropped == 0 && BLOCKS.contains(&e.name()) => out.push_str("\n\n"),
                _ => {}
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_entities_decode_and_furniture_is_dropped() {
        let page = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>\
            <nav>Home | 24 hours of news</nav><script>var n = 5000;</script>\
            <h1>Floods kill 300</h1><p>At least 3,958 people died, the&nbsp;UN said &amp; more are missing.</p>\
            <p>Caf&eacute; owners counted 12 shops.</p><footer>&copy; 2024</footer></body></html>";
        assert!(looks_like_html(page));
        let text = to_text(page);
        assert!(
            !text.contains("5000") && !text.contains("Home") && !text.contains("p{}") && !text.contains('©'),
            "{text}"
        );
        assert!(text.contains("At least 3,958 people died, the\u{a0}UN said & more are missing."), "{text}");
        assert!(text.contains("Café owners"), "{text}");
        let paragraphs = crate::extract::sentences::paragraphs(&text);
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    }

    #[test]
    fn plain_text_is_not_html() {
        assert!(!looks_like_html("Kyiv said 5 < 7 and 8 > 2."));
    }
}
