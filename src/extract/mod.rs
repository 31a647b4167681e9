//! Candidate claims found in an article (plain text or HTML): each figure
//! with its qualifier and unit as written, its sentence as the quote, the
//! claimant and date the text gives, a change or share linked to its base,
//! and the ledger's metric when the match is clear. Nothing is invented:
//! what cannot be told is left empty, for the researcher to fill in.
//!
//! Time and memory are linear in the text: a sentence is read once whatever
//! the number of figures in it, a base is looked for among a bounded number
//! of earlier figures, and a figure in an overlong "sentence" (a text
//! without sentence breaks) is quoted with the words around it.

mod claimants;
mod counted;
mod dates;
mod figures;
mod html;
mod metrics;
mod not_figures;
mod number_words;
mod relative;
mod sentences;

pub use metrics::Metric;
pub use sentences::sentences;

use chrono::NaiveDate;
use claimants::{Claimant, Speaker, Voice};
use dates::{Dated, Kind};
use relative::{Base, Earlier};
use sentences::{clean, words};
use std::collections::HashMap;

/// One figure found in a sentence.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Candidate {
    pub metric: Option<String>,
    pub value: String,
    pub unit: Option<String>,
    pub as_of: Option<String>,
    pub from: Option<String>,
    pub stated: Option<String>,
    pub source: Option<String>,
    /// The claimant's title or role, kept apart from the name.
    pub affiliation: Option<String>,
    pub quote: String,
    /// What the researcher should know: hedges ("could exceed"), a share's base.
    pub note: Option<String>,
    /// The ledger's metric this may be, when the match is not clear enough to fill in `metric`.
    pub metric_hint: Option<String>,
    /// A relative figure: the index (in the returned list) of the candidate it changes.
    #[serde(skip)]
    pub change_of: Option<usize>,
    /// A share: the index of the candidate it is a part of.
    #[serde(skip)]
    pub share_of: Option<usize>,
    /// A share's base as the text names it, when no figure before it is that base.
    #[serde(skip)]
    pub share_base: Option<String>,
}

/// A sentence longer than this, in bytes, is quoted around each figure.
const QUOTE_BYTES: usize = 600;

/// How many words either side of a figure such a quote keeps.
const QUOTE_WORDS: usize = 15;

/// A named claimant: (source, affiliation).
type Named = (String, Option<String>);

/// Sentence openings that continue what the sentence before said.
const CONTINUES: &[&str] = &[
    "that",
    "this",
    "it",
    "these",
    "those",
    "the figure",
    "the toll",
    // "Of those, 1,524 were children": a part of the figure before
    "of those",
    "of them",
    "of these",
    "among them",
    "among those",
];

/// What the text said before the sentence being read.
#[derive(Default)]
struct Context {
    person: Option<Named>,
    organisation: Option<Named>,
    /// The people named so far, the latest last.
    people: Vec<Named>,
    /// The organisations named so far, the latest last (a few: "the court" looks back for a Court).
    organisations: Vec<Named>,
    named: Option<Named>,
    /// The claimant and date of the sentence before.
    previous_source: Option<Named>,
    previous_date: Option<(Option<String>, Option<String>)>,
    /// When the last sentence that said so was said ("the IOM said on
    /// Tuesday"), and by whom.
    said: Option<(String, Option<Named>)>,
    /// The latest claimant of the paragraph being read: a sentence there
    /// that names no one goes on with what they said.
    in_paragraph: Option<Named>,
    /// Whether the claimant of the sentence just read was carried that way.
    carried_source: bool,
    /// The organisation the claimant of the sentence just read ("the agency") refers back to.
    refers_to: Option<Named>,
    /// When the sentence just read, of this paragraph, was said: what a "she said" after it goes on with.
    last_said: Option<String>,
    /// The day of the vote the article first names: its votes and seats are of that day.
    vote_day: Option<String>,
}

/// Openings of the writer's own sum, which no one said: "Together, the two countries have lost 15,000".
const WRITERS_SUM: &[&str] = &["together", "combined", "altogether", "overall"];

/// Candidate claims of a text; `metrics` are the ledger's, to suggest from.
pub fn extract(text: &str, stated: Option<NaiveDate>, metrics: &[Metric]) -> Vec<Candidate> {
    let plain = match html::looks_like_html(text) {
        true => std::borrow::Cow::Owned(html::to_text(text)),
        false => std::borrow::Cow::Borrowed(text),
    };
    let mut found: Vec<Candidate> = Vec::new();
    let mut seen = Seen::default();
    let mut context = Context::default();
    for paragraph in sentences::paragraphs(&plain) {
        context.in_paragraph = None;
        context.last_said = None;
        let words_of: Vec<Vec<&str>> = paragraph.iter().map(|s| words(s)).collect();
        let headline = paragraph.len() == 1 && !paragraph[0].ends_with(['.', '!', '?', '"', '\u{201d}']);
        let speakers: Vec<Vec<Claimant>> = words_of.iter().map(|w| claimants::find_all(w)).collect();
        for (k, sentence) in paragraph.iter().enumerate() {
            let next = quote_speaker(&paragraph, &speakers, k);
            let speaker = claimants::of_sentence(&speakers[k], &words_of[k]);
            let sentence_source = context.resolve(&words_of[k], speaker, next);
            let skip: Vec<(usize, usize)> = speakers[k].iter().map(|c| (c.first, c.last)).collect();
            let clause = claimants::clauses(&words_of[k]);
            // "the agency" is the organisation it refers back to
            let said_before = context.said_by(context.refers_to.as_ref().or(sentence_source.as_ref()));
            // "..., the minister told reporters on Monday. ..., she said.": Monday's report
            let pronoun = speaker.is_some_and(|c| c.speaker == Speaker::Pronoun);
            let said_before = said_before.or(context.last_said.as_deref().filter(|_| pronoun));
            let dated = stated.map(|d| dates::resolve(&words_of[k], d, said_before));
            let dated = dated.unwrap_or_default();
            let figures = figures::find(&words_of[k], &skip);
            let (as_of, from, carried) =
                context.date(&dated, stated.map(|d| d.to_string()), !figures.is_empty());
            let sentence_stated = dated.said.clone().or_else(|| stated.map(|d| d.to_string()));
            let vote_here = stated.and_then(|d| dates::day_of_vote(&words_of[k], d));
            if context.vote_day.is_none() {
                context.vote_day = vote_here.clone();
            }
            // "Tinubu won 8,794,726 votes, the commission said on Wednesday": of the vote's day,
            // not of a time the sentence names for itself ("87% in the first round on May 14")
            let own_time = dated.kind == Kind::Named && dated.as_of != dated.said;
            for figure in figures {
                // a second speaker in the sentence speaks for the figures of their clause
                let source = match claimants::of_figure(&speakers[k], &words_of[k], &clause, figure.first) {
                    Voice::Own(c) if speaker.is_some_and(|s| s.first != c.first) => {
                        named(c).or(sentence_source.clone())
                    }
                    Voice::Own(_) | Voice::Sentence => sentence_source.clone(),
                    Voice::Nobody => None,
                };
                let mut candidate = Candidate {
                    value: figure.value.clone(),
                    unit: figure.unit.clone(),
                    as_of: stated.and_then(|d| {
                        dates::of_figure(&words_of[k], figure.first, figure.last, d, as_of.as_deref())
                    }),
                    from: from.clone(),
                    stated: sentence_stated.clone(),
                    source: source.as_ref().map(|s| s.0.clone()),
                    affiliation: source.as_ref().and_then(|s| s.1.clone()),
                    quote: quote(sentence, &words_of[k], figure.first, figure.last),
                    note: figure.note.clone(),
                    ..Candidate::default()
                };
                if dates::is_of_vote(&words_of[k], figure.last, candidate.unit.as_deref()) {
                    let of_sentence = candidate.as_of.is_none() || candidate.as_of == as_of;
                    let vote = vote_here.clone().or_else(|| context.vote_day.clone().filter(|_| !own_time));
                    let vote = vote.filter(|_| of_sentence);
                    candidate.as_of = vote.or(candidate.as_of);
                }
                let as_sentence = candidate.source.is_some()
                    && candidate.source == sentence_source.as_ref().map(|s| s.0.clone());
                if let Some(means) = context.refers_to.as_ref().filter(|_| as_sentence) {
                    let note =
                        format!("{}: {}, named before", candidate.source.as_deref().unwrap_or(""), means.0);
                    add_note(&mut candidate, &note);
                }
                if context.carried_source && candidate.source.is_some() {
                    add_note(&mut candidate, "claimant from the sentence before");
                }
                if carried && as_of.is_some() {
                    add_note(&mut candidate, "date from the sentence before");
                }
                // "another 179 were killed": more besides a figure, never guessed to be a change of it
                let besides = figure.first > 0
                    && matches!(
                        clean(words_of[k][figure.first - 1]).to_lowercase().as_str(),
                        "another" | "a further"
                    );
                if besides {
                    add_note(
                        &mut candidate,
                        "written as more besides another figure (\"another\"): not a total",
                    );
                }
                link(&mut candidate, &words_of[k], &figure, &found);
                let figure = metrics::Figure {
                    unit: candidate.unit.as_deref(),
                    interval: candidate.from.is_some(),
                    relative: candidate.change_of.is_some() || candidate.share_of.is_some(),
                };
                let (metric, hint) = metrics::suggest(sentence, figure, metrics);
                if let Some(m) = metric.as_ref().and_then(|key| metrics.iter().find(|m| &m.key == key)) {
                    candidate.unit = candidate.unit.map(|u| metrics::unit_on(&u, m));
                }
                (candidate.metric, candidate.metric_hint) = (metric, hint);
                push(&mut found, &mut seen, candidate, headline);
            }
        }
    }
    // a headline figure the story does not repeat is of the story's date, not of no date
    for &i in seen.headlines.values() {
        if found[i].as_of.is_none() && found[i].change_of.is_none() {
            found[i].as_of = found[i].stated.clone();
        }
    }
    link_named_bases(&mut found, metrics);
    found
}

/// A share whose base the text names but counts elsewhere ("almost 10% of
/// the force deployed", the deployment's figure in a later sentence) is
/// linked to the figure of the metric that names that base; a share that
/// restates the figure before it ("That is almost 10% of ...") measures
/// what that figure measures, over its time.
fn link_named_bases(found: &mut [Candidate], metrics: &[Metric]) {
    for i in 0..found.len() {
        let Some(base) = found[i].share_base.clone() else { continue };
        let Some(key) = metrics::suggest(&base, metrics::Figure::default(), metrics).0 else { continue };
        let counted = |c: &Candidate| c.metric.as_deref() == Some(key.as_str()) && !c.value.ends_with('%');
        let Some(j) =
            (0..found.len()).filter(|&j| j != i && counted(&found[j])).min_by_key(|&j| j.abs_diff(i))
        else {
            continue;
        };
        found[i].share_of = Some(j);
        let opening: String = found[i].quote.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        let restates = ["That is", "This is", "That's", "That would", "This would"]
            .iter()
            .any(|o| opening.eq_ignore_ascii_case(o) || opening.starts_with(o));
        if let Some(before) =
            i.checked_sub(1).map(|b| found[b].clone()).filter(|b| restates && !b.value.ends_with('%'))
        {
            (found[i].metric, found[i].metric_hint) = (before.metric, before.metric_hint);
            (found[i].as_of, found[i].from) = (before.as_of, before.from);
        } else {
            (found[i].metric, found[i].metric_hint) = (None, Some(key));
        }
    }
}

/// Who speaks in the quotation that sentence `k` is in or that follows it:
/// `"We have 450 dead. Many more are missing," she said.` A few sentences ahead at most.
fn quote_speaker<'c>(paragraph: &[String], speakers: &'c [Vec<Claimant>], k: usize) -> Option<&'c Claimant> {
    let marks = |s: &str| s.matches(['"', '\u{201c}', '\u{201d}']).count();
    let opens = paragraph[k].starts_with(['"', '\u{201c}']) && marks(&paragraph[k]) % 2 == 1;
    if opens {
        let closes = (k + 1..paragraph.len().min(k + 6)).find(|&j| marks(&paragraph[j]) % 2 == 1)?;
        return speakers[closes].first();
    }
    // a quotation that follows: "More than 900 were hurt. \"We ...,\" Lima said."
    paragraph.get(k + 1).filter(|s| s.starts_with(['"', '\u{201c}'])).and_then(|_| speakers[k + 1].first())
}

/// One claimant written two ways: "the IOM" and "the International
/// Organization for Migration" (its initials).
fn same_claimant(a: &str, b: &str) -> bool {
    let bare = |s: &str| s.trim_start_matches("the ").to_string();
    let initials = |s: &str| -> String {
        s.split_whitespace().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
    };
    let (a, b) = (bare(a), bare(b));
    let short = |s: &str| !s.contains(' ') && s.chars().all(|c| c.is_uppercase());
    a == b || short(&a) && initials(&b) == a || short(&b) && initials(&a) == b
}

fn named(claimant: &Claimant) -> Option<Named> {
    match &claimant.speaker {
        Speaker::Named { source, affiliation } => Some((source.clone(), affiliation.clone())),
        _ => None,
    }
}

/// Whether a name is an organisation's by its words: an institution ("Health Ministry") or
/// initials ("AFAD", "U.N.").
fn is_organisation(named: &Named) -> bool {
    let initials = |w: &str| {
        w.chars().filter(char::is_ascii_alphabetic).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    named.0.split_whitespace().any(|w| claimants::INSTITUTIONS.contains(&w) || initials(w))
}

/// Whether a claimant is a person ("Health Minister Fahrettin Koca", "Mark Timbal"), not a body.
fn is_person(named: &Named) -> bool {
    let words = || named.0.split_whitespace();
    named.1.is_some() && !words().any(|w| claimants::INSTITUTIONS.contains(&w))
        || words().count() >= 2
            && words().all(|w| w.starts_with(char::is_uppercase) && !claimants::INSTITUTIONS.contains(&w))
}

impl Context {
    /// The claimant of a sentence: named there, or the one its pronoun or
    /// anaphor refers to, or the speaker it continues; remembers it.
    fn resolve(
        &mut self,
        words: &[&str],
        speaker: Option<&Claimant>,
        next_quote: Option<&Claimant>,
    ) -> Option<Named> {
        let pronoun = speaker.map(|c| clean(words[c.first]).to_lowercase()).unwrap_or_default();
        let mentioned = claimants::titled_people(words);
        self.carried_source = false;
        self.refers_to = None;
        let source = match speaker.map(|c| &c.speaker) {
            // "Green added": the Josh Green named before, as written here, with his title
            Some(Speaker::Named { source, affiliation: None })
                if !source.contains(' ') && self.by_surname(source).is_some() =>
            {
                // noted as "DiCarlo: Rosemary DiCarlo, named before", as an anaphor is
                self.refers_to = self.by_surname(source);
                self.refers_to.clone().map(|p| (source.clone(), p.1))
            }
            Some(Speaker::Named { source, affiliation }) => Some((source.clone(), affiliation.clone())),
            Some(Speaker::Pronoun) if matches!(pronoun.as_str(), "he" | "she" | "his" | "her") => {
                // "Kassam Abozeed, a Syrian ..., who he said had paid": the person this sentence introduced
                let at = speaker.map_or(0, |c| c.first);
                let introduced = claimants::described_people(words).into_iter().rfind(|(k, _)| *k < at);
                introduced
                    .map(|(_, person)| (person, None))
                    .or_else(|| self.person.clone())
                    .or(self.named.clone())
            }
            Some(Speaker::Pronoun) if matches!(pronoun.as_str(), "it" | "its") => {
                self.organisation.clone().or(self.named.clone())
            }
            Some(Speaker::Pronoun) => self.named.clone(),
            // the claimant as written ("the agency"); the organisation it means is remembered and noted
            Some(Speaker::Anaphor) => speaker.map(|c| {
                let (written, means) = self.anaphor(&words[c.first..=c.last]);
                self.refers_to = means;
                (written, None)
            }),
            None => {
                let opening = words.iter().take(2).map(|w| clean(w).to_lowercase()).collect::<Vec<_>>();
                let continues = CONTINUES
                    .iter()
                    .any(|c| opening.first() == Some(&c.to_string()) || opening.join(" ") == *c);
                let quoted = next_quote.and_then(|c| match c.speaker {
                    Speaker::Pronoun => self.person.clone().or(self.named.clone()),
                    _ => named(c),
                });
                // a writer's sum, or a figure of someone the sentence leaves unnamed, is not carried on
                let not_carried = opening.first().is_some_and(|w| WRITERS_SUM.contains(&w.as_str()))
                    || claimants::attributes(words);
                // "He broke the wounded down by region: 1,850 in Beirut": the person last named,
                // as giving the figures; not "He took 49.52%", a candidate's own share
                let gives = |w: &String| claimants::GIVES_ITS_FIGURE.contains(&w.as_str()) || w == "broke";
                let he = matches!(opening.first().map(String::as_str), Some("he" | "she"))
                    && opening.get(1).is_some_and(gives);
                // "The union has demanded a pay rise of 77%": the subject that acts gives the figure
                let acting = (!not_carried).then(|| claimants::acting_subject(words)).flatten();
                let acting = acting.and_then(|c| match c.speaker {
                    Speaker::Anaphor => Some((self.anaphor(&words[c.first..=c.last]).0, None)),
                    _ => named(&c),
                });
                let carried = quoted
                    .or_else(|| he.then(|| self.person.clone()).flatten())
                    .or_else(|| continues.then(|| self.previous_source.clone()).flatten())
                    .or_else(|| self.in_paragraph.clone().filter(|_| !not_carried && acting.is_none()));
                self.carried_source = carried.is_some() && next_quote.is_none();
                carried.or(acting)
            }
        };
        let anaphor = matches!(speaker.map(|c| &c.speaker), Some(Speaker::Anaphor));
        let tracked = if anaphor { self.refers_to.clone() } else { source.clone() };
        if let Some(named) = &tracked {
            if is_person(named) {
                self.person = Some(named.clone());
                self.people.retain(|p| p != named);
                self.people.push(named.clone());
            } else if named.0.starts_with(char::is_uppercase) {
                self.remember_organisation(named);
            }
            self.named = Some(named.clone());
        }
        self.previous_source = source.clone();
        self.in_paragraph = source.clone();
        // a person named with a title is who a later "she said" means
        if let Some(person) = mentioned.into_iter().next_back().filter(|_| speaker.is_none()) {
            self.people.push(person.clone());
            self.person = Some(person);
        }
        // "The Ministry of Public Health published an assessment. It said ...": the subject is who "it" is
        if let Some(subject) =
            speaker.is_none().then(|| claimants::subject_of(words).as_ref().and_then(named)).flatten()
        {
            if !is_person(&subject) && subject.0.starts_with(char::is_uppercase) {
                self.remember_organisation(&subject);
            }
        }
        source
    }

    /// An organisation a later "it" or "the agency" may mean.
    fn remember_organisation(&mut self, named: &Named) {
        self.organisation = Some(named.clone());
        self.organisations.retain(|o| o != named);
        self.organisations.push(named.clone());
        if self.organisations.len() > 8 {
            self.organisations.remove(0);
        }
    }

    /// When this claimant last said when they spoke: "the agency said" after
    /// "the IOM said on Tuesday" is Tuesday's report.
    fn said_by(&self, source: Option<&Named>) -> Option<&str> {
        let (said, by) = self.said.as_ref()?;
        let same = match (by, source) {
            (Some(by), Some(source)) => same_claimant(&by.0, &source.0),
            _ => false,
        };
        same.then_some(said.as_str())
    }

    /// "the agency", "the statistics office", "the court's" as written, and the
    /// organisation it refers back to: the latest named one with all its words;
    /// for a bare noun that any organisation may be called, the latest organisation.
    fn anaphor(&self, phrase: &[&str]) -> (String, Option<Named>) {
        // "the court's" is the court; "the mayor's office" keeps its possessive
        let last = phrase.len() - 1;
        let written: Vec<&str> = phrase
            .iter()
            .enumerate()
            .map(|(k, w)| match k == last {
                true => clean(w).trim_end_matches("'s").trim_end_matches("\u{2019}s"),
                false => clean(w),
            })
            .collect();
        let described: Vec<String> = written[1..].iter().map(|w| w.to_lowercase()).collect();
        let has_all = |o: &&Named| {
            let name = o.0.to_lowercase();
            described.iter().all(|w| name.split_whitespace().any(|n| n.starts_with(w.as_str())))
        };
        let bare = described.len() == 1 && claimants::STANDS_FOR_ANY.contains(&described[0].as_str());
        // a bare "the ministry" means a body known to be one, never a name that may be a person's ("Correa")
        let means = self.organisations.iter().rev().find(has_all).cloned().or_else(|| {
            bare.then(|| self.organisation.clone().or(self.named.clone()).filter(is_organisation)).flatten()
        });
        (written.join(" "), means)
    }

    /// A person named before whose surname this is ("Al-Qudra" after "Ashraf al-Qudra").
    fn by_surname(&self, surname: &str) -> Option<Named> {
        let same = |p: &&Named| p.0.split(' ').next_back().is_some_and(|s| s.eq_ignore_ascii_case(surname));
        self.people.iter().rev().find(same).cloned()
    }

    /// The (as_of, from) of a sentence, and whether it was carried from the
    /// sentence before. A present tense without figures ("no candidate has
    /// ever lost") does not change the time of the figures that follow.
    fn date(
        &mut self,
        dated: &Dated,
        stated: Option<String>,
        has_figures: bool,
    ) -> (Option<String>, Option<String>, bool) {
        self.last_said = dated.said.clone();
        if let Some(said) = &dated.said {
            self.said = Some((said.clone(), self.refers_to.clone().or(self.previous_source.clone())));
        }
        // "The strike began on Sept. 15": the day the sentences after count from
        if let Some(began) = dated.began.clone().filter(|d| !long_before(Some(d), stated.as_deref())) {
            if dated.kind == Kind::Unsaid {
                self.previous_date = Some((Some(began.clone()), None));
                return (Some(began), None, false);
            }
            if !has_figures {
                self.previous_date = Some((Some(began), None));
            }
        }
        match dated.kind {
            // "rose 41.6% over the past year": the month the sentence before reported
            Kind::Statistic => match self.previous_date.clone() {
                Some((Some(month), _)) if month.len() == 7 => (Some(month), None, true),
                _ => (dated.as_of.clone(), None, false),
            },
            Kind::Now if !has_figures => (dated.as_of.clone(), dated.from.clone(), false),
            // "the rally of July 1, 2003": an event of long before, not the time of what follows
            Kind::Named if long_before(dated.as_of.as_deref(), stated.as_deref()) => {
                (dated.as_of.clone(), dated.from.clone(), false)
            }
            Kind::Named | Kind::Now => {
                self.previous_date = Some((dated.as_of.clone(), dated.from.clone()));
                (dated.as_of.clone(), dated.from.clone(), false)
            }
            Kind::Earlier => (None, None, false),
            // "A week later": counted from the day just named; none when no day was
            Kind::Shifted(days) => {
                let before = self.previous_date.clone().and_then(|(as_of, _)| as_of);
                let as_of = before.and_then(|d| dates::shifted(&d, days, stated.as_deref()));
                self.previous_date = Some((as_of.clone(), None));
                (as_of, None, false)
            }
            Kind::Unsaid => match self.previous_date.clone() {
                Some((as_of, from)) => (as_of, from, true),
                // said without a time: as of when it was said
                None if dated.reported => (dated.said.clone().or(stated), None, false),
                None => (None, None, false),
            },
        }
    }
}

/// A date in a year before the one before the stated day's.
fn long_before(date: Option<&str>, stated: Option<&str>) -> bool {
    let year = |d: &str| d.get(..4).and_then(|y| y.parse::<i32>().ok());
    match (date.and_then(year), stated.and_then(year)) {
        (Some(date), Some(stated)) => date < stated - 1,
        _ => false,
    }
}

/// Links a percentage to the figure it changes or is a share of.
fn link(candidate: &mut Candidate, words: &[&str], figure: &figures::Found, found: &[Candidate]) {
    let earlier: Vec<Earlier> = found
        .iter()
        .enumerate()
        .rev()
        .take(40)
        .rev()
        .map(|(index, c)| Earlier { index, unit: c.unit.as_deref(), percent: c.value.ends_with('%') })
        .collect();
    let Some(relative) =
        relative::relative(words, figure.first, figure.last, &figure.value, &earlier, found.len() + 1)
    else {
        return;
    };
    candidate.value = relative.value;
    match relative.base {
        Base::ChangeOf(i) => candidate.change_of = Some(i),
        Base::ShareOf(i) => candidate.share_of = Some(i),
        Base::Described(base) if base.is_empty() => {
            add_note(candidate, "a change; the text does not say of what")
        }
        Base::Described(base) if relative.change => add_note(candidate, &format!("a change of {base}")),
        Base::Described(base) => {
            add_note(candidate, &format!("a share of {base}"));
            candidate.share_base = Some(base);
        }
    }
}

fn add_note(candidate: &mut Candidate, note: &str) {
    candidate.note = Some(match candidate.note.take() {
        Some(n) => format!("{n}; {note}"),
        None => note.to_string(),
    });
}

/// Adds a candidate, or fills in the one already found for the same figure
/// (a headline repeated in the story): one figure, one candidate.
/// A figure of a headline is one of the story's, whatever its unit, and of
/// the story's date.
fn push(found: &mut Vec<Candidate>, seen: &mut Seen, candidate: Candidate, headline: bool) {
    let digits = candidate.value.chars().filter(char::is_ascii_digit).count();
    let value = candidate.value.to_lowercase();
    let key = (value.clone(), candidate.unit.clone().unwrap_or_default().to_lowercase());
    // "climbs to 108" in the headline is the story's "At least 108": the number without its qualifier
    let bare = value.trim_start_matches(|c: char| !c.is_ascii_digit() && c != '-').to_string();
    let linked = candidate.change_of.is_some() || candidate.share_of.is_some();
    let repeated = digits >= 3 && !linked;
    let earlier =
        seen.figures.get(&key).filter(|_| repeated).or_else(|| seen.headlines.get(&bare).filter(|_| !linked));
    if let Some(&i) = earlier {
        // a headline says less than its story: "UN counts 6,322 killed since the invasion"
        let of_headline = seen.headlines.get(&bare) == Some(&i);
        let first = &mut found[i];
        // and its qualifier: the story's "At least 108" for the headline's "108"
        if of_headline && candidate.value.len() > first.value.len() {
            first.value = candidate.value.clone();
        }
        if first.unit.is_none() || of_headline && candidate.unit.is_some() {
            first.unit = candidate.unit.clone();
        }
        // the story names the headline's speaker in full ("IOM says" … "the International Organization for Migration said")
        if (first.source.is_none() || of_headline) && candidate.source.is_some() {
            first.source = candidate.source;
            first.affiliation = candidate.affiliation;
            first.quote = candidate.quote;
        }
        if first.as_of.is_none() || of_headline && candidate.as_of.is_some() {
            (first.as_of, first.from, first.stated) = (candidate.as_of, candidate.from, candidate.stated);
        }
        return;
    }
    if repeated {
        seen.figures.insert(key, found.len());
    }
    if headline {
        seen.headlines.insert(bare, found.len());
    }
    found.push(candidate);
}

/// The figures found so far, to find a repeated one in constant time.
#[derive(Default)]
struct Seen {
    figures: HashMap<(String, String), usize>,
    /// Headline figures by value: the story repeats them with a unit.
    headlines: HashMap<String, usize>,
}

/// The quote of a figure at words `first..=last`: its sentence, or in an
/// overlong one the words around it, verbatim, with "…" where it is cut.
fn quote(sentence: &str, words: &[&str], first: usize, last: usize) -> String {
    if sentence.len() <= QUOTE_BYTES {
        return sentence.to_string();
    }
    let from = first.saturating_sub(QUOTE_WORDS);
    let to = (last + QUOTE_WORDS).min(words.len() - 1);
    // the words are slices of the sentence: cut it where they start and end
    let offset = |word: &str| word.as_ptr() as usize - sentence.as_ptr() as usize;
    let (start, end) = (offset(words[from]), offset(words[to]) + words[to].len());
    let before = if from > 0 { "…" } else { "" };
    let after = if to + 1 < words.len() { "…" } else { "" };
    format!("{before}{}{after}", &sentence[start..end])
}

#[cfg(test)]
mod tests;
