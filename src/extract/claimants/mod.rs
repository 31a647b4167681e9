//! Who a sentence says is speaking: "X said", "said X", "according to X",
//! "X told reporters", "X announced", "X put the toll at". A title or role
//! is kept apart from the name ("Health Minister Fahrettin Koca": source
//! Fahrettin Koca, affiliation Health Minister); "he said" is a pronoun for
//! the caller to resolve. A date or a place before the name is not part of it.

mod words;

pub use words::STANDS_FOR_ANY;

use crate::extract::sentences::{clean, ends_phrase};

/// Who speaks, as the sentence names them.
#[derive(Debug, Clone, PartialEq)]
pub enum Speaker {
    Named {
        source: String,
        affiliation: Option<String>,
    },
    /// "he", "she": the last named person; "they", "it": the last named speaker.
    Pronoun,
    /// "the agency", "the ministry": the last named organisation.
    Anaphor,
}

/// A speaker and the words naming them (a figure there is not a claim: "two officials").
#[derive(Debug, Clone, PartialEq)]
pub struct Claimant {
    pub speaker: Speaker,
    pub first: usize,
    pub last: usize,
}

/// The speakers a sentence names, in the order they appear.
pub fn find_all(words: &[&str]) -> Vec<Claimant> {
    let lower: Vec<String> = words.iter().map(|w| clean(w).to_lowercase()).collect();
    let mut found: Vec<Claimant> = Vec::new();
    for (v, word) in lower.iter().enumerate() {
        if word == "according" && lower.get(v + 1).is_some_and(|w| w == "to") && !ends_phrase(words[v]) {
            found.extend(phrase_after(words, &lower, v + 2));
        } else if words::PASSIVE.contains(&word.as_str()) && lower.get(v + 1).is_some_and(|w| w == "by") {
            // "figures released by the statistics office"
            found.extend(phrase_after(words, &lower, v + 2));
        } else if words::SPEECH.contains(&word.as_str())
            && !(v > 0 && ["an", "the", "a"].contains(&lower[v - 1].as_str()))
        {
            let before = phrase_before(words, &lower, v);
            // "..., said John Kirby": the speaker after the verb
            let after = (v == 0 || ends_phrase(words[v - 1]))
                .then(|| phrase_after(words, &lower, v + 1))
                .flatten()
                .map(|c| with_apposition(words, &lower, c));
            found.extend(before.or(after));
        }
    }
    // a counting verb names the speaker of a clause that has no verb of saying
    let clause = clauses(words);
    let said_in: std::collections::HashSet<usize> = found.iter().map(|c| clause[c.first]).collect();
    for (v, word) in lower.iter().enumerate() {
        if words::COUNTING.contains(&word.as_str()) && !said_in.contains(&clause[v]) {
            found.extend(phrase_before(words, &lower, v));
        }
    }
    found.sort_by_key(|c| c.first);
    found.dedup_by_key(|c| c.first);
    found
}

/// People a sentence names with a title, speaking or not ("Governor Ana Lima
/// visited"), for a "she said" further on: (name, title).
pub fn titled_people(words: &[&str]) -> Vec<(String, Option<String>)> {
    let mut people = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let title = clean(words[k]).trim_end_matches('.').to_lowercase();
        let capital = words[k].starts_with(char::is_uppercase);
        let run = words[k + 1..].iter().take(3).take_while(|w| w.starts_with(char::is_uppercase)).count();
        if capital && words::TITLES.contains(&title.as_str()) && run >= 2 && !ends_phrase(words[k]) {
            let name: Vec<String> = words[k + 1..=k + run].iter().map(|w| name_word(w)).collect();
            people.push((name.join(" "), Some(clean(words[k]).to_string())));
            k += run;
        }
        k += 1;
    }
    people
}

/// The speaker of a sentence, if it names one: the first.
#[cfg(test)]
pub fn find(words: &[&str]) -> Option<Claimant> {
    find_all(words).into_iter().next()
}

/// The speaker of the figure at word `at` when a sentence names several:
/// the one in the same clause ("Organisers said 2 million marched, while
/// police put the number at 338,000").
/// `clause` is [`clauses`] of the sentence; `claimants` are in order.
pub fn of_figure<'c>(claimants: &'c [Claimant], words: &[&str], clause: &[usize], at: usize) -> Voice<'c> {
    let own = clause[at];
    // ", taking the combined toll to more than 48,000": the writer's sum, no one's claim
    let opening = clause.partition_point(|c| *c < own);
    if own > 0 && matches!(clean(words[opening]).to_lowercase().as_str(), "taking" | "bringing" | "raising") {
        return Voice::Nobody;
    }
    if claimants.len() < 2 {
        return Voice::Sentence;
    }
    // ", WHO said." at the end speaks for the whole sentence
    let trailing = claimants
        .last()
        .filter(|c| c.last + 3 >= words.len() && c.first > 0 && ends_phrase(words[c.first - 1]));
    if let Some(c) = trailing {
        return Voice::Own(c);
    }
    let i = claimants.partition_point(|c| clause[c.first] < own);
    match claimants.get(i).filter(|c| clause[c.first] == own) {
        Some(c) => Voice::Own(c),
        None => Voice::Sentence,
    }
}

/// Whose a figure is, in a sentence with several speakers.
#[derive(Debug, PartialEq)]
pub enum Voice<'c> {
    /// The sentence's speaker (its first, or the one it refers back to).
    Sentence,
    Own(&'c Claimant),
    Nobody,
}

/// The clause of each word: clauses end at ";" and at ", while", ", but".
pub fn clauses(words: &[&str]) -> Vec<usize> {
    let mut clause = 0;
    let mut out = Vec::with_capacity(words.len());
    for (k, word) in words.iter().enumerate() {
        let starts = k > 0
            && (words[k - 1].ends_with(';')
                || words[k - 1].ends_with(',')
                    && matches!(
                        clean(word).to_lowercase().as_str(),
                        "while" | "whereas" | "but" | "taking" | "bringing" | "raising"
                    ));
        clause += usize::from(starts);
        out.push(clause);
    }
    out
}

/// The noun phrase ending right before the verb at `v`: "U.S. National Security Council spokesman John Kirby".
fn phrase_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    let mut end = v;
    while end > 0 && words::ADVERBS.contains(&lower[end - 1].as_str()) && !ends_phrase(words[end - 1]) {
        end -= 1;
    }
    if end > 0 && end == v && words::PRONOUNS.contains(&lower[end - 1].as_str()) {
        return Some(Claimant { speaker: Speaker::Pronoun, first: end - 1, last: end - 1 });
    }
    let mut start = end;
    while start > 0 && end - start < 9 {
        let j = start - 1;
        let word = clean(words[j]);
        // the word right before the verb may close an apposition: "the UN refugee agency, UNHCR, said"
        if (ends_phrase(words[j]) && j + 1 < end) || word.is_empty() {
            break;
        }
        // "Office for National Statistics", "ministry in Gaza"
        // "Office for the Coordination of Humanitarian Affairs"
        let the_after_join = lower[j] == "the" && j > 0 && matches!(lower[j - 1].as_str(), "of" | "for");
        let capital_next = words[j + 1].starts_with(char::is_uppercase)
            || lower[j + 1] == "the" && words.get(j + 2).is_some_and(|w| w.starts_with(char::is_uppercase));
        let joins = the_after_join && capital_next
            || matches!(lower[j].as_str(), "of" | "for" | "in" | "at")
                && capital_next
                && j > 0
                && (words[j - 1].starts_with(char::is_uppercase) || is_role(&lower[j - 1]));
        if joins {
            start = j;
            continue;
        }
        let capital = word.starts_with(char::is_uppercase);
        let number_word = matches!(lower[j].as_str(), "two" | "three" | "four" | "several" | "some" | "many");
        let lower_ok = word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && !words::NOT_IN_NAME.contains(&lower[j].as_str());
        // a verb in the past ("caused", "killed") ends the speaker's name
        let verb = !capital && lower[j].ends_with("ed") && !is_role(&lower[j]);
        if !(capital || number_word || lower_ok) || verb || word.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        start = j;
    }
    // a date or a preposition that starts the phrase is not part of the name: "In October Kyiv"
    while start < end && words::is_time_word(&lower[start]) {
        start += 1;
    }
    claimant(words, lower, start, end)
}

/// The noun phrase starting at word `start`: "the regional governor", "AFAD".
fn phrase_after(words: &[&str], lower: &[String], start: usize) -> Option<Claimant> {
    let mut end = start;
    while end < words.len() && end - start < 9 {
        let word = clean(words[end]);
        let capital = word.starts_with(char::is_uppercase);
        let joins = matches!(lower[end].as_str(), "of" | "for" | "at" | "from" | "by")
            && words.get(end + 1).is_some_and(|w| w.starts_with(char::is_uppercase) || clean(w) == "the");
        let plain =
            word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.') && !word.is_empty();
        let counted = matches!(
            lower[end].as_str(),
            "figures" | "figure" | "count" | "tally" | "total" | "toll" | "number"
        );
        if !plain
            || (!capital
                && !joins
                && !counted
                && words::NOT_IN_NAME.contains(&lower[end].as_str())
                && !matches!(lower[end].as_str(), "the" | "a" | "an"))
        {
            break;
        }
        if words::is_time_word(&lower[end]) && end == start {
            return None;
        }
        end += 1;
        if ends_phrase(words[end - 1]) {
            break;
        }
    }
    claimant(words, lower, start, end)
}

/// "said Stephane Dujarric, a spokesman for the UN": the role after the name.
fn with_apposition(words: &[&str], lower: &[String], mut c: Claimant) -> Claimant {
    let Speaker::Named { affiliation: None, .. } = &c.speaker else { return c };
    let start = c.last + 1;
    if !words[c.last].ends_with(',')
        || !matches!(lower.get(start).map(String::as_str), Some("a" | "an" | "the"))
    {
        return c;
    }
    let Some(end) = (start..words.len().min(start + 8)).find(|&k| ends_phrase(words[k])) else { return c };
    let role: Vec<&str> = words[start + 1..=end].iter().map(|w| clean(w)).collect();
    if !role.first().is_some_and(|w| w.starts_with(char::is_lowercase)) {
        return c;
    }
    if let Speaker::Named { affiliation, .. } = &mut c.speaker {
        *affiliation = Some(role.join(" "));
    }
    c.last = end;
    c
}

/// A claimant of the words `start..end`, the name split from its title.
fn claimant(words: &[&str], lower: &[String], start: usize, end: usize) -> Option<Claimant> {
    if start >= end {
        return None;
    }
    // a parenthesis repeats the name: "International Organization for Migration (IOM)"
    let owned: Vec<String> = words[start..end]
        .iter()
        .filter(|w| !(w.starts_with('(') && w.trim_end_matches([',', ';', ':', '.']).ends_with(')')))
        .map(|w| name_word(w))
        .collect();
    if owned.is_empty() {
        return None;
    }
    let names: Vec<&str> = owned.iter().map(String::as_str).collect();
    let heads: Vec<&str> = names.iter().map(|w| w.trim_end_matches("'s")).collect();
    let last = lower[end - 1].as_str();
    if end - start == 1 && words::PRONOUNS.contains(&last) {
        return Some(Claimant { speaker: Speaker::Pronoun, first: start, last: end - 1 });
    }
    if heads.iter().any(|w| {
        words::is_time_word(&w.to_lowercase())
            && w.starts_with(char::is_uppercase)
            && !["May", "March"].contains(w)
    }) {
        return None;
    }
    if end - start == 2 && lower[start] == "the" && words::ANAPHORS.contains(&last) {
        return Some(Claimant { speaker: Speaker::Anaphor, first: start, last: end - 1 });
    }
    let article = |w: &&&str| ["The", "A", "An"].contains(*w);
    let any_capital = names.iter().skip_while(article).any(|w| w.starts_with(char::is_uppercase));
    if !any_capital {
        // lower-case words name a speaker only when they end in a role: "two officials", "the regional governor"
        if !is_role(last) {
            return None;
        }
    }
    let (source, affiliation) = split_title(&names);
    Some(Claimant { speaker: Speaker::Named { source, affiliation }, first: start, last: end - 1 })
}

/// A word of a name without the punctuation around it, keeping the dot of "U.S." and "J.".
fn name_word(word: &str) -> String {
    let bare = clean(word);
    let abbreviated = word.trim_end_matches([',', ';', ':']).ends_with('.')
        && !ends_phrase(word.trim_end_matches([',', ';', ':']));
    if abbreviated {
        format!("{bare}.")
    } else {
        bare.to_string()
    }
}

/// Nouns that name someone who can speak.
fn is_role(word: &str) -> bool {
    words::ROLES.contains(&word)
}

/// A name and the title or role before it: ("John Kirby", "U.S. National Security Council spokesman").
fn split_title(names: &[&str]) -> (String, Option<String>) {
    let mut names: Vec<&str> = names.to_vec();
    // "the Ukrainian Air Force": the article goes with a name, stays with a description
    if names.len() > 1
        && ["the", "a"].contains(&names[0].to_lowercase().as_str())
        && names[1].starts_with(char::is_uppercase)
    {
        names.remove(0);
    }
    // "researchers at George Washington University"
    if let Some(at) = names.iter().position(|w| ["at", "of", "from", "by"].contains(w)) {
        let role = &names[..at];
        if !role.is_empty() && role.iter().all(|w| w.starts_with(char::is_lowercase)) && at + 1 < names.len()
        {
            return (names[at + 1..].join(" "), Some(role.join(" ")));
        }
    }
    let title = names.iter().rposition(|w| {
        let bare = w.trim_end_matches('.').to_lowercase();
        words::TITLES.contains(&bare.as_str())
            || w.starts_with(char::is_lowercase) && !["of", "for", "in", "at", "and"].contains(w)
    });
    match title {
        Some(t)
            if t + 1 < names.len()
                && names[t + 1..].iter().all(|w| w.starts_with(char::is_uppercase))
                && names.len() - t - 1 <= 4 =>
        {
            let role =
                names[..=t].iter().skip_while(|w| ["the", "a", "an"].contains(&w.to_lowercase().as_str()));
            (names[t + 1..].join(" "), Some(role.copied().collect::<Vec<_>>().join(" ")))
        }
        _ => (names.join(" "), None),
    }
}

#[cfg(test)]
mod tests;
