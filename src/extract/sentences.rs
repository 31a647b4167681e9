//! Paragraphs and sentences of an article's text, and the words of a
//! sentence. A blank line (or a line that ends without a stop, such as a
//! headline) ends a sentence; "U.S." and "1,121.6" stay whole; a wire
//! dateline ("KYIV, Dec 27 (Example Wire) - ") is not part of the story.

/// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "U.S", "U.K", "U.N", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "St", "No", "vs", "c", "ca",
    "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Gov",
    "Sen", "Rep", "Prof", "Lt.Col", "Maj", "Capt", "Adm", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Rev",
];

/// The longest abbreviation, with room for an opening bracket or quote.
const ABBREVIATION_CHARS: usize = 8;

/// The paragraphs of a text, each as its sentences, the dateline removed.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut block = String::new();
    let mut flush = |block: &mut String| {
        let found = sentences(block);
        if !found.is_empty() {
            out.push(found);
        }
        block.clear();
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut block);
            continue;
        }
        block.push_str(line);
        block.push(' ');
        // a line without a final stop is a headline or a caption: it ends here
        if !line.ends_with(['.', '!', '?', '"', '\u{201d}', ',', ';', ':', '-', '(']) {
            flush(&mut block);
        }
    }
    flush(&mut block);
    for first in out.iter_mut().take(3).filter_map(|p| p.first_mut()) {
        *first = without_dateline(first).to_string();
    }
    out
}

/// A sentence without a leading wire dateline: "CITY, Mon D (Agency) - ".
fn without_dateline(sentence: &str) -> &str {
    let head: String = sentence.chars().take(100).collect();
    let Some(dash) =
        [" - ", " \u{2013} ", " \u{2014} "].iter().filter_map(|d| head.find(d).map(|at| (at, d.len()))).min()
    else {
        return sentence;
    };
    let place = head[..dash.0].split(',').next().unwrap_or("");
    let shouting = place.chars().any(char::is_alphabetic)
        && place.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if shouting {
        &sentence[dash.0 + dash.1..]
    } else {
        sentence
    }
}

/// Splits text into sentences, keeping "U.S." and "1,121.6" whole.
pub fn sentences(text: &str) -> Vec<String> {
    let text = text.replace(['\r', '\n'], " ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        if !matches!(chars[i], '.' | '!' | '?') {
            continue;
        }
        let closing = |c: &char| matches!(c, '"' | '\u{201d}' | ')');
        let ends = match chars.get(i + 1).copied() {
            None => true,
            Some(c) if c.is_whitespace() || closing(&c) => {
                let after = chars[i + 1..].iter().find(|c| !c.is_whitespace() && !closing(c));
                after.is_none_or(|a| a.is_uppercase() || a.is_ascii_digit() || *a == '"' || *a == '\u{201c}')
            }
            _ => false,
        };
        if ends && !after_abbreviation(&chars[start..i]) {
            let end = (i + 1..chars.len()).find(|j| !closing(&chars[*j])).unwrap_or(chars.len());
            let sentence: String = chars[start..end].iter().collect();
            if !sentence.trim().is_empty() {
                out.push(sentence.trim().to_string());
            }
            start = end;
        }
    }
    let rest: String = chars[start..].iter().collect();
    if !rest.trim().is_empty() {
        out.push(rest.trim().to_string());
    }
    out
}

/// Whether the text before a dot ends in an abbreviation; reads back no
/// further than an abbreviation is long (a text of dots stays linear).
fn after_abbreviation(before: &[char]) -> bool {
    let word: String = before
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .take(ABBREVIATION_CHARS + 1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let word = word.trim_start_matches(['(', '"', '\u{201c}']);
    word.chars().count() <= ABBREVIATION_CHARS
        && (ABBREVIATIONS.contains(&word)
            || (word.chars().count() == 1 && word.starts_with(char::is_uppercase)))
}

/// The words of a sentence, as slices of it.
pub fn words(sentence: &str) -> Vec<&str> {
    sentence.split_whitespace().collect()
}

/// A word without the punctuation around it.
pub fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| {
        matches!(
            c,
            ',' | ';'
                | ':'
                | '"'
                | '('
                | ')'
                | '['
                | ']'
                | '\u{201c}'
                | '\u{201d}'
                | '\u{2018}'
                | '.'
                | '!'
                | '?'
        ) || c == '\''
    })
}

/// Whether a word ends a phrase: a comma, a colon, a bracket or a stop after it.
pub fn ends_phrase(word: &str) -> bool {
    // "U.S." and "J." end in a dot and nothing else
    if let Some(stem) = word.strip_suffix('.') {
        if stem.contains('.') || stem.chars().count() == 1 || ABBREVIATIONS.contains(&stem) {
            return false;
        }
    }
    word.ends_with([',', ';', ':', '.', ')', '"', '\u{201d}', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_abbreviations_and_decimals() {
        let s = sentences("The U.S. said 1,121.6 km² were held. Kyiv disagreed! Did it? Yes.");
        assert_eq!(s, ["The U.S. said 1,121.6 km² were held.", "Kyiv disagreed!", "Did it?", "Yes."]);
    }

    #[test]
    fn paragraphs_drop_the_dateline_and_end_headlines() {
        let text = "Floods kill 300 in Libya\n\nDERNA, Sept 12 (Example Wire) - At least 300 died. Officials said so.\n\nMore later.";
        let p = paragraphs(text);
        assert_eq!(p[0], ["Floods kill 300 in Libya"]);
        assert_eq!(p[1], ["At least 300 died.", "Officials said so."]);
        assert_eq!(p[2], ["More later."]);
        // a sentence with a dash is not a dateline
        assert_eq!(paragraphs("Kyiv said - again - that 5 died.")[0], ["Kyiv said - again - that 5 died."]);
    }

    #[test]
    fn initials_do_not_end_a_sentence() {
        assert_eq!(sentences("John F. Kennedy said 3 died. Then more.").len(), 2);
    }

    #[test]
    fn dots_without_spaces_stay_linear() {
        assert_eq!(sentences(&"a.".repeat(100_000)).len(), 1);
    }
}
