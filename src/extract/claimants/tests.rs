//! Table tests of real phrasings of attribution.

use super::*;
use crate::extract::sentences::words;

fn named(sentence: &str) -> (String, String) {
    match find(&words(sentence)).map(|c| c.speaker) {
        Some(Speaker::Named { source, affiliation }) => (source, affiliation.unwrap_or_default()),
        other => (format!("{other:?}"), String::new()),
    }
}

#[test]
fn speakers_and_their_titles() {
    let table: &[(&str, &str, &str)] = &[
        ("More than 1,000 soldiers were killed this past week, U.S. National Security Council spokesman John Kirby said on Friday.", "John Kirby", "U.S. National Security Council spokesman"),
        ("Ukraine's president said more than 3,000 soldiers had been killed.", "Ukraine's president", ""),
        ("Kyiv said in October that North Korea had sent up to 12,000 troops.", "Kyiv", ""),
        ("In October Kyiv announced that 12,000 troops had come.", "Kyiv", ""),
        ("Ukraine seized about 380 square miles, according to Ukrainian officials.", "Ukrainian officials", ""),
        ("It has since lost about 40% of that territory, two officials said.", "two officials", ""),
        ("More than 105,000 people were injured, Health Minister Fahrettin Koca told reporters.", "Fahrettin Koca", "Health Minister"),
        ("The toll has passed 41,000, the disaster agency AFAD said on Tuesday.", "AFAD", "disaster agency"),
        ("Maria caused 2,975 deaths, researchers at George Washington University said on Tuesday.", "George Washington University", "researchers"),
        ("According to the regional governor, 15 people were wounded.", "the regional governor", ""),
        ("Russia launched 90 drones, the Ukrainian Air Force said on Tuesday.", "Ukrainian Air Force", ""),
        ("The Libyan Red Crescent had earlier put the toll at 11,300.", "Libyan Red Crescent", ""),
        ("At least 12 strikes hit the grid, said Mykola Kuleba, the governor.", "Mykola Kuleba", "governor"),
        ("7.7 million jobs were lost, according to the report.", "the report", ""),
        ("Chief Election Commissioner Rajiv Kumar said 642 million voted.", "Rajiv Kumar", "Chief Election Commissioner"),
        ("Inflation hit 11.1%, the Office for National Statistics said.", "Office for National Statistics", ""),
        ("The health ministry in Gaza said 1,200 people had died.", "The health ministry in Gaza", ""),
        ("The UN refugee agency, UNHCR, said 7 million had fled.", "UNHCR", ""),
        ("The International Organization for Migration (IOM) said 9 million fled.", "International Organization for Migration", ""),
        ("Data from the Labor Department showed 20 million jobs were lost.", "Labor Department", ""),
        ("The UN Office for the Coordination of Humanitarian Affairs (OCHA) said 7.9 million people had fled.", "UN Office for the Coordination of Humanitarian Affairs", ""),
        ("The toll rose to 120, said Mohammed Ali, a spokesman for the civil defence.", "Mohammed Ali", "spokesman for the civil defence"),
        ("According to figures from the Ministry of Interior, 5,000 were held.", "the Ministry of Interior", "figures"),
        ("The figures were released by the National Statistics Office on Tuesday.", "National Statistics Office", ""),
        ("A UN report said 300 died.", "UN report", ""),
        ("Hurricane Maria caused an estimated 2,975 deaths, researchers at George Washington University said.", "George Washington University", "researchers"),
    ];
    for (sentence, source, affiliation) in table {
        assert_eq!(named(sentence), (source.to_string(), affiliation.to_string()), "{sentence}");
    }
}

#[test]
fn each_figure_has_the_speaker_of_its_clause() {
    let w = words("Organisers said almost 2 million people marched, while police put the number at 338,000.");
    let all = find_all(&w);
    let name = |v: Voice| match v {
        Voice::Own(Claimant { speaker: Speaker::Named { source, .. }, .. }) => source.clone(),
        other => format!("{other:?}"),
    };
    let clause = clauses(&w);
    assert_eq!(name(of_figure(&all, &w, &clause, 3)), "Organisers");
    assert_eq!(name(of_figure(&all, &w, &clause, 13)), "police");
    let w = words("Sierra Leone reported 14,122 cases, while Liberia recorded 4,800 deaths, WHO said.");
    let (all, clause) = (find_all(&w), clauses(&w));
    assert_eq!(name(of_figure(&all, &w, &clause, 3)), "WHO");
    let w = words("Syria reported 5,814 deaths, taking the combined toll to more than 48,000.");
    let (all, clause) = (find_all(&w), clauses(&w));
    assert_eq!(of_figure(&all, &w, &clause, 2), Voice::Sentence);
    assert_eq!(of_figure(&all, &w, &clause, 11), Voice::Nobody);
}

#[test]
fn pronouns_dates_and_places_are_not_names() {
    let speaker = |s: &str| find(&words(s)).map(|c| c.speaker);
    assert_eq!(speaker("That is almost 10% of the force, he told reporters."), Some(Speaker::Pronoun));
    assert_eq!(speaker("The agency counted 28,600 cases."), Some(Speaker::Anaphor));
    assert_eq!(speaker("More than 18,500 were injured, it said."), Some(Speaker::Pronoun));
    assert_eq!(speaker("Turnout was 79.4%, the court said."), Some(Speaker::Anaphor));
    assert_eq!(speaker("Thursday said nothing of 5 tanks."), None);
    assert_eq!(speaker("Officials said on Tuesday that 5 died.").map(|_| ()), Some(()));
    assert_eq!(named("Officials said on Tuesday that 5 died.").0, "Officials");
    assert_eq!(speaker("The rate jumped to 14.7%, the highest on record."), None);
}
