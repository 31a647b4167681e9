//! Who a sentence says is speaking: "X said", "said X", "according to X",
//! "X told reporters", "X announced", "X put the toll at". A title or role
//! is kept apart from the name ("Health Minister Fahrettin Koca": source
//! Fahrettin Koca, affiliation Health Minister); "he said" is a pronoun for
//! the caller to resolve. A date or a place before the name is not part of it.

mod names;
mod phrases;
mod words;

pub use words::{GIVES_ITS_FIGURE, INSTITUTIONS, STANDS_FOR_ANY};

use crate::extract::sentences::{clean, ends_phrase};
use names::{claimant, is_name_word, is_title, name_word, without_possessive};
use phrases::{
    apposed_before, described_before, phrase_after, phrase_before, subject, unnamed_before, with_apposition,
};

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
    let mut forecasts: Vec<Claimant> = Vec::new();
    for (v, word) in lower.iter().enumerate() {
        if word == "according" && lower.get(v + 1).is_some_and(|w| w == "to") && !ends_phrase(words[v]) {
            // "according to the provisional count published by the directorate": the publisher's
            let by_whom = |c: &Claimant| {
                lower.get(c.last + 2).is_some_and(|w| w == "by")
                    && words::PASSIVE.contains(&lower[c.last + 1].as_str())
            };
            // "according to figures Volkswagen published": the publisher named after the document;
            // "according to a statement from the ministry" past its article
            let v = if lower.get(v + 2).is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the"))
                && lower.get(v + 3).is_some_and(|w| words::DOCUMENTS.contains(&w.as_str()))
                && lower.get(v + 4).is_some_and(|w| w == "from")
            {
                v + 1
            } else {
                v
            };
            let document = lower.get(v + 2).is_some_and(|w| words::DOCUMENTS.contains(&w.as_str()));
            let passive_after = |k: usize| {
                lower
                    .get(k..)
                    .is_some_and(|rest| rest.iter().take(4).any(|w| words::PASSIVE.contains(&w.as_str())))
            };
            let publisher_after = document
                && words.get(v + 3).is_some_and(|w| w.starts_with(char::is_uppercase))
                && passive_after(v + 4);
            // "according to data from the pollster Ipsos"
            let from = document && lower.get(v + 3).is_some_and(|w| w == "from");
            let start = match (from, publisher_after) {
                (true, _) => v + 4,
                (_, true) => v + 3,
                _ => v + 2,
            };
            // "according to a breakdown given on Friday by the Kyunhla Activists Group"
            let given_by =
                (v + 3..lower.len().min(v + 9)).take_while(|&k| !ends_phrase(words[k - 1])).find(|&k| {
                    lower[k] == "by"
                        && lower[k.saturating_sub(3)..k].iter().any(|w| words::PASSIVE.contains(&w.as_str()))
                });
            let by = given_by.and_then(|k| phrase_after(words, &lower, k + 1));
            found.extend(by.or_else(|| phrase_after(words, &lower, start).filter(|c| !by_whom(c))));
        } else if word == "per" && v > 0 && words[v - 1].ends_with(',') {
            // "The toll stands at 40, per the ministry."
            found.extend(phrase_after(words, &lower, v + 1));
        } else if word == "quoted" && !ends_phrase(words[v]) {
            // "The state news agency quoted governor Ali Rahimi as saying that 42 had died"
            let quoted = phrase_after(words, &lower, v + 1)
                .filter(|c| lower.get(c.last + 1).is_some_and(|w| w == "as"))
                .map(|c| with_apposition(words, &lower, c));
            found.extend(quoted);
        } else if lower.get(v + 1).is_some_and(|w| w == "by") && made_by(&lower, v) {
            // "figures released by the statistics office", "an exit poll by Ipsos"
            found.extend(phrase_after(words, &lower, v + 2));
        } else if FORECASTS.contains(&word.as_str()) && v > 1 && lower[v - 1] == "had" {
            // "the 5.7% economists had pencilled in": whose forecast the figure right before is,
            // not "a stronger showing than most pollsters had predicted"
            let after_figure = |c: &Claimant| {
                let before = |k: usize| c.first.checked_sub(k).map(|k| lower[k].as_str()).unwrap_or("");
                let number = |w: &str| w.starts_with(|ch: char| ch.is_ascii_digit());
                number(before(1)) || before(1) == "that" && number(before(2))
            };
            // "Economists polled by Reuters had forecast 8.2%": the figure after it
            let clause_end = (v..words.len()).find(|&k| ends_phrase(words[k])).unwrap_or(words.len() - 1);
            let figure_after =
                lower[v + 1..=clause_end.max(v)].iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            forecasts.extend(phrase_before(words, &lower, v - 1).filter(|c| after_figure(c) || figure_after));
        } else if (words::SPEECH.contains(&word.as_str()) || progressive(&lower, v))
            && !(v > 0 && ["an", "the", "a"].contains(&lower[v - 1].as_str()))
        {
            // "the office was reporting": the subject before the auxiliary
            let verb = if progressive(&lower, v) { v - 1 } else { v };
            let before = which_says(words, &lower, verb)
                .or_else(|| apposed_before(words, &lower, verb))
                .or_else(|| phrase_before(words, &lower, verb))
                .or_else(|| described_before(words, &lower, v))
                .or_else(|| unnamed_before(words, &lower, v))
                // "Green toured the ruins and told reporters": the subject of the first verb
                .or_else(|| {
                    (v > 1 && lower[v - 1] == "and").then(|| subject(words, &lower, v - 1)).flatten()
                });
            // "..., said John Kirby": the speaker after the verb
            let after = (v == 0 || ends_phrase(words[v - 1]))
                .then(|| phrase_after(words, &lower, v + 1))
                .flatten()
                .map(|c| with_apposition(words, &lower, c));
            found.extend(before.or(after));
        } else if words::SAYING.contains(&word.as_str())
            && v > 1
            && words[v - 1].ends_with(',')
            && found.is_empty()
        {
            // "The governor made an appeal on Thursday, saying 5,000 families needed water";
            // after "X said, adding that" the speaker is X already
            found.extend(subject(words, &lower, v));
        }
    }
    // a counting verb names the speaker of a clause that has no verb of saying
    let clause = clauses(words);
    // a clause said by "it" or by an outlet may still name who counted: "The union ... gave 2 million, it said"
    let said_in: std::collections::HashSet<usize> = found
        .iter()
        .filter(|c| c.speaker != Speaker::Pronoun && !is_outlet(c))
        .map(|c| clause[c.first])
        .collect();
    for (v, in_clause) in clause.iter().enumerate().take(lower.len()) {
        if counts(&lower, v) && !said_in.contains(in_clause) {
            found.extend(counter_before(words, &lower, v));
        }
    }
    // "The office put it at 9.9%, and economists had expected 10.2%": the forecasters beside it
    found.extend(forecasts);
    // "Reuters reported that the ministry counted 500": the outlet reports the counter's figure;
    // not "..., and state media later reported at least 280", an outlet's figure of its own clause
    let counted_in: std::collections::HashSet<usize> =
        found.iter().filter(|c| !is_outlet(c)).map(|c| clause[c.first]).collect();
    found.retain(|c| !is_outlet(c) || !counted_in.contains(&clause[c.first]));
    // "The agency's global tally stood at", "the court's figures were": the owner of the figures
    if found.is_empty() {
        found.extend(owner_of_document(words, &lower).or_else(|| document_from(words, &lower)));
    } else {
        found.extend(estimate_of(words, &lower));
    }
    if found.is_empty() {
        found.extend(headline_credit(words, &lower));
    }
    found.sort_by_key(|c| c.first);
    found.dedup_by_key(|c| c.first);
    found
}

/// "brought by Top Shine Global, an investor in the unit, which says it is owed $110 million":
/// the body the relative clause is about.
fn which_says(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    if v < 3 || !matches!(lower[v - 1].as_str(), "which" | "who") || !words[v - 2].ends_with(',') {
        return None;
    }
    // "an investor in the unit, which says": an apposition, the name before it
    let comma = (v.saturating_sub(12)..v - 2).rev().find(|&k| words[k].ends_with(','));
    if comma.is_some_and(|k| matches!(lower[k + 1].as_str(), "a" | "an")) {
        return apposed_before(words, lower, v - 1);
    }
    let before = phrase_before(words, lower, v - 1)?;
    matches!(&before.speaker, Speaker::Named { source, .. } if source.starts_with(char::is_uppercase))
        .then_some(before)
}

/// "the revenue minister's office was reporting 63 dead": a verb of saying in the progressive.
fn progressive(lower: &[String], v: usize) -> bool {
    v > 1
        && matches!(lower[v].as_str(), "reporting" | "saying")
        && matches!(lower[v - 1].as_str(), "was" | "were" | "is" | "are")
}

/// Verbs of a forecast after "had": "the 7.3% that analysts had expected".
const FORECASTS: &[&str] = &["expected", "forecast", "predicted", "pencilled", "penciled", "projected"];

/// Whether "by" after the word at `v` names who made a figure: "released
/// by", "a poll by", "a survey carried out by".
fn made_by(lower: &[String], v: usize) -> bool {
    let word = lower[v].as_str();
    let carried_out = word == "out" && v > 0 && lower[v - 1] == "carried";
    words::PASSIVE.contains(&word) || carried_out || words::DOCUMENTS.contains(&word)
}

/// Whether a sentence has a verb of saying or counting, whoever its subject:
/// "Earlier reports had put the toll at 11,300" gives its figure to someone unnamed.
pub fn attributes(words: &[&str]) -> bool {
    words
        .iter()
        .map(|w| clean(w).to_lowercase())
        .any(|w| words::SPEECH.contains(&w.as_str()) || words::COUNTING.contains(&w.as_str()))
}

/// Whether the word at `v` is a verb whose subject gives a figure: "put",
/// "counted", "raised its count", "set aside".
fn counts(lower: &[String], v: usize) -> bool {
    let next = lower.get(v + 1).map(String::as_str).unwrap_or("");
    words::COUNTING.contains(&lower[v].as_str())
        || words::COUNTING_WITH.iter().any(|(verb, after)| lower[v] == *verb && after.contains(&next))
}

/// The subject of a counting verb: "The CGT union, which organises the
/// marches, gave", "The union is asking for".
fn counter_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    let progressive =
        v > 1 && lower[v].ends_with("ing") && matches!(lower[v - 1].as_str(), "is" | "are" | "was" | "were");
    // "it had counted at least 419"
    let perfect = v > 1 && matches!(lower[v - 1].as_str(), "had" | "has" | "have");
    let v = if progressive || perfect { v - 1 } else { v };
    apposed_before(words, lower, v)
        .or_else(|| phrase_before(words, lower, v))
        .or_else(|| described_before(words, lower, v))
}

/// A news outlet, which reports what others said: "the state news agency LANA", "Reuters".
fn is_outlet(c: &Claimant) -> bool {
    let Speaker::Named { source, affiliation } = &c.speaker else { return false };
    // "analysts polled by Reuters" are the analysts, not the outlet
    let polled =
        affiliation.as_deref().and_then(|a| a.split(' ').next()).is_some_and(|w| words::POLLED.contains(&w));
    let affiliation = affiliation.as_ref().filter(|_| !polled);
    let words = source.split_whitespace().chain(affiliation.iter().flat_map(|a| a.split_whitespace()));
    words.map(|w| w.trim_end_matches("'s")).any(|w| words::OUTLET_WORDS.contains(&w))
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
        if capital && is_title(&title) && run >= 2 && !ends_phrase(words[k]) {
            let name: Vec<String> = words[k + 1..=k + run].iter().map(|w| name_word(w)).collect();
            people.push((name.join(" "), Some(clean(words[k]).to_string())));
            k += run;
        }
        k += 1;
    }
    people
}

/// People a sentence introduces by name and a description, and where:
/// "Kassam Abozeed, a Syrian who lives in Germany, ... who he said had paid":
/// whom a "he said" later in the sentence means.
pub fn described_people(words: &[&str]) -> Vec<(usize, String)> {
    let name = |w: &str| {
        is_name_word(w)
            && !words::INSTITUTIONS.contains(&clean(w))
            && !words::is_time_word(&clean(w).to_lowercase())
    };
    let mut people = Vec::new();
    for k in 1..words.len().saturating_sub(1) {
        let article = matches!(clean(words[k + 1]).to_lowercase().as_str(), "a" | "an");
        if !words[k].ends_with(',') || !article {
            continue;
        }
        let run = (0..k + 1)
            .rev()
            .take(3)
            .take_while(|&j| name(words[j]) && (j == k || !ends_phrase(words[j])))
            .count();
        if run >= 2 {
            let first = k + 1 - run;
            people.push((first, words[first..=k].iter().map(|w| name_word(w)).collect::<Vec<_>>().join(" ")));
        }
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
    let opening = clause.partition_point(|c| *c < own);
    if own > 0 && matches!(clean(words[opening]).to_lowercase().as_str(), "taking" | "bringing" | "raising") {
        // "..., raising the toll to 120, according to government figures": the sum is theirs
        if let Some(said) = claimants.iter().find(|c| clause[c.first] == own && c.first > at) {
            return Voice::Own(said);
        }
        // ", taking the combined toll to more than 48,000": the writer's sum of two counts;
        // "X said 36 were recorded, taking the total to 51,202": the speaker's running total
        let combined = words[opening..at].iter().any(|w| matches!(clean(w), "combined" | "overall"));
        return if combined { Voice::Nobody } else { Voice::Sentence };
    }
    if claimants.len() < 2 {
        return Voice::Sentence;
    }
    // "275, not 288 as the state government had announced"; "officials' first estimate of 271"
    let lower = |k: usize| clean(words[k]).to_lowercase();
    // "the 7.3% that analysts polled by Reuters had expected"
    let forecast = |c: &Claimant| {
        (c.first == at + 1 || c.first == at + 2 && lower(at + 1) == "that")
            && c.last + 2 < words.len()
            && lower(c.last + 1) == "had"
            && FORECASTS.contains(&lower(c.last + 2).as_str())
    };
    let own_aside = claimants.iter().find(|c| {
        forecast(c)
            || c.first > at && c.first <= at + 3 && lower(c.first - 1) == "as"
            || c.last + 2 == at
                && lower(c.last + 1) == "of"
                && words::DOCUMENTS.contains(&lower(c.last).as_str())
    });
    if let Some(c) = own_aside {
        return Voice::Own(c);
    }
    if let Some(c) = trailing(claimants, words) {
        return Voice::Own(c);
    }
    let i = claimants.partition_point(|c| clause[c.first] < own);
    match claimants.get(i).filter(|c| clause[c.first] == own) {
        Some(c) => Voice::Own(c),
        None => Voice::Sentence,
    }
}

/// ", WHO said." at the end: the speaker of the whole sentence; also
/// ", WHO said on Sunday, explaining that ...". An "it said" there means
/// the body the sentence opened with when it names one.
fn trailing<'c>(claimants: &'c [Claimant], words: &[&str]) -> Option<&'c Claimant> {
    let last = claimants.last().filter(|c| c.first > 0 && ends_phrase(words[c.first - 1]))?;
    let end = (last.last + 1..words.len()).find(|&k| ends_phrase(words[k])).unwrap_or(words.len() - 1);
    // ", he said, enough to keep the mission running": a phrase with no subject of its own
    const OPENS_CLAUSE: &[&str] = &[
        "the", "a", "an", "and", "but", "while", "he", "she", "it", "they", "we", "i", "this", "that",
        "there",
    ];
    let goes_on = |k: usize| {
        words.get(k + 1).is_some_and(|w| {
            let lower = clean(w).to_lowercase();
            words::SAYING.contains(&lower.as_str())
                || matches!(lower.as_str(), "explaining" | "citing" | "as")
                || w.starts_with(char::is_lowercase) && !OPENS_CLAUSE.contains(&lower.as_str())
        })
    };
    let ends =
        last.last + 3 >= words.len() || end <= last.last + 4 && (end + 1 == words.len() || goes_on(end));
    if !ends {
        return None;
    }
    let opener = claimants.first().filter(|c| c.speaker != Speaker::Pronoun);
    let it = last.speaker == Speaker::Pronoun && matches!(clean(words[last.first]), "it" | "they");
    match opener {
        Some(named) if it => Some(named),
        _ => Some(last),
    }
}

/// The speaker of a sentence: one at its end after a comma ("Liberia
/// reported eight, the agency added."), else the first.
pub fn of_sentence<'c>(claimants: &'c [Claimant], words: &[&str]) -> Option<&'c Claimant> {
    trailing(claimants, words).or(claimants.first())
}

/// Whose a figure is, in a sentence with several speakers.
#[derive(Debug, PartialEq)]
pub enum Voice<'c> {
    /// The sentence's speaker (its first, or the one it refers back to).
    Sentence,
    Own(&'c Claimant),
    Nobody,
}

/// The clause of each word: clauses end at ";" and at ", while", ", but", ", and".
pub fn clauses(words: &[&str]) -> Vec<usize> {
    let mut clause = 0;
    let mut out = Vec::with_capacity(words.len());
    for (k, word) in words.iter().enumerate() {
        // not ", and that all but 31 of them ...", which goes on with what was said
        let goes_on = words.get(k + 1).is_some_and(|w| clean(w).eq_ignore_ascii_case("that"));
        let starts = k > 0
            && (words[k - 1].ends_with(';')
                || words[k - 1].ends_with(',')
                    && match clean(word).to_lowercase().as_str() {
                        "while" | "whereas" | "but" | "taking" | "bringing" | "raising" => true,
                        "and" => !goes_on,
                        _ => false,
                    });
        clause += usize::from(starts);
        out.push(clause);
    }
    out
}

/// The subject of a sentence's first verb in the past: "The Ministry of Health published".
pub fn subject_of(words: &[&str]) -> Option<Claimant> {
    let lower: Vec<String> = words.iter().map(|w| clean(w).to_lowercase()).collect();
    subject(words, &lower, words.len()).filter(|c| c.first == 0 || words::is_time_word(&lower[c.first - 1]))
}

/// The subject of a sentence that gives its figure by what it does ("The ECB lifted its key
/// interest rates by 75 basis points"), not by saying; none for a subject that is what is
/// counted ("Voters", "Evergrande's shares").
pub fn acting_subject(words: &[&str]) -> Option<Claimant> {
    let lower: Vec<String> = words.iter().map(|w| clean(w).to_lowercase()).collect();
    let skip = |w: &String| {
        matches!(w.as_str(), "has" | "have" | "had" | "on" | "also" | "later" | "then")
            || words::is_time_word(w)
    };
    let gives = |c: &Claimant| {
        let verb = lower[c.last + 1..].iter().take(4).find(|w| !skip(w));
        verb.is_some_and(|v| GIVES_ITS_FIGURE.contains(&v.as_str()))
    };
    // "On Tuesday its president, Harold Daggett, 78, restated the demand": the subject apposed
    let apposed = || {
        let v = (1..words.len()).find(|&k| GIVES_ITS_FIGURE.contains(&lower[k].as_str()))?;
        let opens = |c: &Claimant| {
            let before = c.first.checked_sub(1).map(|k| lower[k].as_str());
            before.is_none_or(|w| words::is_time_word(w) || words::PARTS_OF_DAY.contains(&w))
        };
        apposed_before(words, &lower, v).filter(opens)
    };
    subject_of(words).filter(gives).or_else(apposed)
}

/// A headline's speaker after a colon or a dash at its end:
/// "More than 15,900 killed in Gaza: Health Ministry", "Quake toll rises to 6 – NDRRMC".
fn headline_credit(words: &[&str], lower: &[String]) -> Option<Claimant> {
    let dash = |w: &str| matches!(w, "-" | "\u{2013}" | "\u{2014}");
    let mark = (1..words.len()).rev().find(|&k| words[k - 1].ends_with(':') || dash(words[k - 1]))?;
    let credit = &words[mark..];
    let named = credit.len() <= 6
        && credit.iter().any(|w| w.starts_with(char::is_uppercase))
        && credit.iter().all(|w| {
            !w.contains(|c: char| c.is_ascii_digit())
                && (w.starts_with(char::is_uppercase)
                    || words::NAME_PARTICLES.contains(&clean(w))
                    || matches!(clean(w), "of" | "for" | "the" | "and"))
        });
    named.then(|| claimant(words, lower, mark, words.len())).flatten()
}

/// "far more than officials' first estimate of 271": the owner of a document
/// right before the figure it gives, whoever speaks in the sentence; the
/// claimant ends at the document, for [`of_figure`].
fn estimate_of(words: &[&str], lower: &[String]) -> Option<Claimant> {
    let of = (2..words.len().saturating_sub(1)).find(|&k| {
        lower[k] == "of"
            && words::DOCUMENTS.contains(&lower[k - 1].as_str())
            && words[k + 1].starts_with(|c: char| c.is_ascii_digit())
    })?;
    let owner = (of.saturating_sub(4)..of - 1)
        .rev()
        .find(|&k| words[k].ends_with("s'") || lower[k].ends_with("'s"))?;
    let mut c = phrase_before(words, lower, owner + 1).map(without_possessive)?;
    c.last = of - 1;
    Some(c)
}

/// "An earlier count from rescue services had stood at 30": who the figures come from, in a
/// sentence without a verb of saying.
fn document_from(words: &[&str], lower: &[String]) -> Option<Claimant> {
    let from = (1..words.len().saturating_sub(1)).find(|&k| {
        matches!(lower[k].as_str(), "from" | "by")
            && words::DOCUMENTS.contains(&lower[k - 1].as_str())
            && !ends_phrase(words[k - 1])
    })?;
    phrase_after(words, lower, from + 1)
}

/// The owner in "X's [latest] figures", in a sentence without a verb of saying.
fn owner_of_document(words: &[&str], lower: &[String]) -> Option<Claimant> {
    let possessive =
        |w: &str| w.ends_with("'s") || w.ends_with("\u{2019}s") || words::POSSESSIVES.contains(&w);
    let owner = (0..words.len()).find(|&k| {
        possessive(&lower[k])
            && (k + 1..words.len().min(k + 4))
                .take_while(|&j| words[j].starts_with(char::is_lowercase))
                .any(|j| words::DOCUMENTS.contains(&lower[j].as_str()))
    })?;
    // "His first count was at least 49": the person spoken of before
    if words::POSSESSIVES.contains(&lower[owner].as_str()) {
        return Some(Claimant { speaker: Speaker::Pronoun, first: owner, last: owner });
    }
    phrase_before(words, lower, owner + 1).map(without_possessive)
}

#[cfg(test)]
mod tests;
