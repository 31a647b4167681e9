//! The engine as a whole: the seed article, linear time, hostile text.

use super::*;

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[test]
fn the_seed_article_comes_out_fully_right() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/articles/kursk-losses.txt"))
            .unwrap();
    let found = extract(&text, day("2024-12-27"), &[]);
    let got: Vec<[&str; 5]> = found
        .iter()
        .map(|c| {
            [
                c.value.as_str(),
                c.unit.as_deref().unwrap_or(""),
                c.source.as_deref().unwrap_or(""),
                c.affiliation.as_deref().unwrap_or(""),
                c.as_of.as_deref().unwrap_or(""),
            ]
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                "More than 1,000",
                "soldiers",
                "John Kirby",
                "U.S. National Security Council spokesman",
                "2024-12-27"
            ],
            ["almost 10%", "", "John Kirby", "U.S. National Security Council spokesman", "2024-12-27"],
            ["more than 3,000", "soldiers", "Ukraine's president", "", "2024-12-27"],
            ["up to 12,000", "troops", "Kyiv", "", "2024-10"],
            ["about 380", "square miles", "Ukrainian officials", "", "2024-08"],
            ["about -40%", "", "two officials", "", "2024-12-27"],
        ]
    );
    assert_eq!(found[0].from.as_deref(), Some("2024-12-21"));
    assert_eq!(found[5].change_of, Some(4), "the 40% is a change of the 380 square miles");
    assert_eq!(found[1].share_of, None);
    assert_eq!(found[1].note.as_deref(), Some("a share of the North Korean force deployed to the region"));
    assert_eq!(found[3].stated.as_deref(), Some("2024-10"), "Kyiv said it in October");
    assert!(found.iter().filter(|c| c.source.is_some()).all(|c| c.stated.is_some()));
}

#[test]
fn text_without_sentence_breaks_is_read_in_linear_time_and_output() {
    let text = "more than 1,000 soldiers were killed near Kursk, officials said, ".repeat(3_200);
    assert!(text.len() > 200_000);
    let found = extract(&text, None, &[]);
    // one figure repeated is one candidate
    assert_eq!(found.len(), 1);
    let text: String = (0..3_200)
        .map(|i| format!("more than {} soldiers were killed near Kursk, officials said, ", 10_000 + i))
        .collect();
    let found = extract(&text, None, &[]);
    assert_eq!(found.len(), 3_200);
    let quoted: usize = found.iter().map(|c| c.quote.len()).sum();
    assert!(quoted < 20 * text.len(), "quotes of {quoted} bytes");
    assert!(found[10].quote.starts_with('…') && found[10].quote.ends_with('…'), "{}", found[10].quote);
    assert!(found[10].quote.contains("more than 10010 soldiers were killed"), "{}", found[10].quote);
}

/// Found by `cargo fuzz run extract`: a one-word unit ending the text.
#[test]
fn a_unit_that_ends_the_text_is_read() {
    let found = extract("Ukraine seized about 380 miles", None, &[]);
    assert_eq!((found[0].value.as_str(), found[0].unit.as_deref()), ("about 380", Some("miles")));
    let found = extract("Ukraine seized about 760 thousandsquareabout 380 miles ", None, &[]);
    assert_eq!(found[0].value, "about 760");
}

#[test]
fn non_ascii_text_never_panics() {
    for text in [
        "Officials in İzmir, according to Ürümqi police, counted 12 protesters.",
        "İlham Aliyev said more than 1,000 soldiers crossed near Ürümqi in August.",
        "Ürümqi: «около 380» км², İİİ said 5 — 𝟙𝟚 ½ ٣٤ killed. ß STRASSE 1,000 MENSCHEN.",
    ] {
        let found = extract(
            text,
            day("2024-12-27"),
            &[Metric {
                key: "a".into(),
                label: "İzmir Ürümqi".into(),
                unit: "people".into(),
                kind: crate::model::MetricKind::Level,
            }],
        );
        assert!(!found.is_empty(), "{text}");
    }
    let found = extract("Officials in İzmir, according to Ürümqi police, counted 12 protesters.", None, &[]);
    assert_eq!(found[0].source.as_deref(), Some("Ürümqi police"));
}

#[test]
fn speakers_carry_to_the_sentences_that_continue_them() {
    let text = "Chief Election Commissioner Rajiv Kumar said 642 million voters cast ballots. \
                About 312 million of them were women, he told reporters.\n\n\
                More than 900 people were hurt. \"We have never seen this,\" Governor Ana Lima said.";
    let found = extract(text, day("2024-06-03"), &[]);
    let sources: Vec<_> = found.iter().map(|c| c.source.as_deref().unwrap_or("")).collect();
    assert_eq!(sources, ["Rajiv Kumar", "Rajiv Kumar", "Ana Lima"]);
    assert_eq!(found[1].affiliation.as_deref(), Some("Chief Election Commissioner"));
}

#[test]
fn it_is_the_organisation_a_sentence_before_made_its_subject() {
    let text = "Governor Ana Lima toured the camps on Sunday. \
                The Ministry of Water issued a bulletin on Monday. It said 41 wells were dry.";
    let found = extract(text, day("2024-06-03"), &[]);
    let sources: Vec<_> = found.iter().map(|c| c.source.as_deref().unwrap_or("")).collect();
    assert_eq!(sources, ["Ministry of Water"]);
}

#[test]
fn a_part_of_the_figure_before_is_its_speaker_s_in_the_next_paragraph() {
    let text = "At least 3,785 people have been killed, the health ministry in Gaza said.\n\n\
                Of them, 1,524 were children.\n\n\
                More than 1,400 people were killed in Israel.";
    let found = extract(text, day("2023-10-19"), &[]);
    let sources: Vec<_> = found.iter().map(|c| c.source.as_deref().unwrap_or("")).collect();
    assert_eq!(sources, ["the health ministry in Gaza", "the health ministry in Gaza", ""]);
}

#[test]
fn who_acts_gives_the_figure_before_the_speaker_of_the_paragraph() {
    let text = "Harold Daggett said 45,000 dockworkers had walked out. \
                The union has demanded a pay rise of 77% over six years. \
                On Tuesday its president, Harold Daggett, 78, restated the demand as $5 an hour.";
    let found = extract(text, day("2024-10-02"), &[]);
    let sources: Vec<_> = found.iter().map(|c| c.source.as_deref().unwrap_or("")).collect();
    assert_eq!(sources, ["Harold Daggett", "The union", "Harold Daggett"]);
    assert_eq!(found[2].affiliation.as_deref(), Some("its president"));
}

#[test]
fn a_running_total_is_the_speaker_s_a_combined_one_no_one_s() {
    let text = "The ministry said 36 new cases were recorded on Monday, taking the total to 51,202. \
                Syria reported 5,814 deaths, taking the combined toll to more than 48,000.";
    let found = extract(text, day("2025-01-14"), &[]);
    let sources: Vec<_> = found.iter().map(|c| c.source.as_deref().unwrap_or("")).collect();
    assert_eq!(sources, ["The ministry", "The ministry", "Syria", ""]);
}

#[test]
fn an_office_named_by_its_holder_keeps_the_possessive() {
    let found = extract("The mayor's office said 3,000 people had been evacuated.", day("2024-04-02"), &[]);
    assert_eq!(found[0].source.as_deref(), Some("The mayor's office"));
}

#[test]
fn html_articles_are_read_as_their_text() {
    let page = "<html><head><script>var x = 99999;</script></head><body><nav>Top 10 stories</nav>\
                <p>More than 1,000 soldiers were killed, John Kirby said on Friday.</p></body></html>";
    let found = extract(page, day("2024-12-27"), &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].value.as_str(), found[0].source.as_deref()),
        ("More than 1,000", Some("John Kirby"))
    );
}

#[test]
fn metrics_are_filled_when_clear_and_hinted_otherwise() {
    let metric = |key: &str, label: &str, unit: &str| Metric {
        key: key.into(),
        label: label.into(),
        unit: unit.into(),
        kind: crate::model::MetricKind::Level,
    };
    let metrics = [
        metric("kursk.area", "Kursk territory held", "sq mi"),
        metric("kursk.strikes", "Strikes", "strikes"),
    ];
    let found = extract(
        "Ukraine seized about 380 square miles of Kursk territory in August.",
        day("2024-12-27"),
        &metrics,
    );
    assert_eq!(found[0].metric.as_deref(), Some("kursk.area"));
    assert_eq!(found[0].unit.as_deref(), Some("sq mi"), "in the metric's spelling of the same unit");
    let found = extract("Kursk saw 40 drones.", day("2024-12-27"), &metrics);
    assert_eq!((found[0].metric.as_deref(), found[0].metric_hint.as_deref()), (None, Some("kursk.strikes")));
}

#[test]
fn a_headline_figure_is_the_story_s_and_surnames_and_anaphors_resolve() {
    let text = "Wildfire toll climbs to 96\n\n\
                The toll from the wildfire rose to 96 people on Monday, Governor Josh Green said. \
                The fire burned some 2,170 acres, the Maui County fire department said. \
                Police Chief John Pelletier said 3% of the area was searched. \
                Green added that roughly 4,500 people needed shelter. About 2,200 homes burned, the department said.";
    let found = extract(text, day("2023-08-15"), &[]);
    let got: Vec<[&str; 3]> = found
        .iter()
        .map(|c| [c.value.as_str(), c.unit.as_deref().unwrap_or(""), c.source.as_deref().unwrap_or("")])
        .collect();
    assert_eq!(
        got,
        [
            ["96", "people", "Josh Green"],
            ["some 2,170", "acres", "Maui County fire department"],
            ["3%", "", "John Pelletier"],
            // as written ("Green added"), with the title of the Josh Green named before
            ["roughly 4,500", "people", "Green"],
            // as written, noted with the organisation it refers back to
            ["About 2,200", "homes", "the department"],
        ]
    );
    let note = found[3].note.as_deref().unwrap_or("");
    assert!(note.starts_with("Green: Josh Green, named before"), "{note}");
    let note = found[4].note.as_deref().unwrap_or("");
    assert!(note.starts_with("the department: Maui County fire department, named before"), "{note}");
}

/// Morocco's quake aid of September 2023, in sentences written for this test.
#[test]
fn a_bare_anaphor_never_means_a_person_named_before() {
    let text = "Interior Minister Abdelouafi Laftit said 50,000 homes were damaged. \
                Each family will receive 30,000 Moroccan dirhams, the ministry said.";
    let found = extract(text, day("2023-09-20"), &[]);
    let by_value = |v: &str| found.iter().find(|c| c.value == v).unwrap_or_else(|| panic!("{v}: {found:?}"));
    let ministry = by_value("30,000");
    assert_eq!(ministry.source.as_deref(), Some("the ministry"));
    assert!(!ministry.note.as_deref().unwrap_or("").contains("Laftit"), "{:?}", ministry.note);
}

#[test]
fn a_headline_figure_takes_the_story_s_qualifier_and_date() {
    let text = "Flood toll climbs to 108\n\n\
                At least 108 flood deaths were recorded on Tuesday, county officials said.";
    let found = extract(text, day("2025-07-09"), &[]);
    let got: Vec<[&str; 3]> = found
        .iter()
        .map(|c| [c.value.as_str(), c.source.as_deref().unwrap_or(""), c.as_of.as_deref().unwrap_or("")])
        .collect();
    assert_eq!(got, [["At least 108", "county officials", "2025-07-08"]]);
}

#[test]
fn a_quotation_over_several_sentences_is_its_speaker_s() {
    let text = "Governor Ana Lima visited the town on Monday. \"We have found 450 bodies. More than 1,000 people are missing,\" she said.";
    let found = extract(text, day("2023-08-15"), &[]);
    let sources: Vec<_> = found.iter().map(|c| c.source.as_deref().unwrap_or("")).collect();
    assert_eq!(sources, ["Ana Lima", "Ana Lima"]);
}

#[test]
fn a_paragraph_goes_on_with_its_speaker_but_not_the_writer_s_sum() {
    let text = "Pakistan's National Disaster Management Authority said 1,545 people had died since mid-June. \
                Nearly 13,000 were injured. Earlier reports in June had put the toll at 1,100. Together, the floods and landslides have hit 33 million people.\n\n\
                Sindh province recorded 2.8 million damaged homes, while Balochistan counted 426,000, \
                the statistics office added.\n\n\
                Rescuers pulled 14 people from the water.";
    let found = extract(text, day("2022-09-16"), &[]);
    let got: Vec<[&str; 2]> =
        found.iter().map(|c| [c.value.as_str(), c.source.as_deref().unwrap_or("")]).collect();
    assert_eq!(
        got,
        [
            ["1,545", "Pakistan's National Disaster Management Authority"],
            ["Nearly 13,000", "Pakistan's National Disaster Management Authority"],
            ["1,100", ""],
            ["33 million", ""],
            ["2.8 million", "the statistics office"],
            ["426,000", "the statistics office"],
            // not carried from the paragraph before: the subject that pulled them out gives it
            ["14", "Rescuers"],
        ]
    );
    assert!(found[1].note.as_deref().is_some_and(|n| n.contains("claimant from the sentence before")));
    assert_eq!(found[0].note, None);
}

#[test]
fn a_headline_figure_takes_the_speaker_the_story_names() {
    let text = "More than 10 million Sudanese displaced, IOM says\n\n\
                More than 10 million people in Sudan have fled their homes, the International Organization for Migration said.";
    let found = extract(text, day("2024-07-17"), &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].source.as_deref(), Some("International Organization for Migration"));
    assert!(found[0].quote.starts_with("More than 10 million"), "the story's sentence is the quote");
}

#[test]
fn an_amount_converted_into_another_currency_is_kept_as_its_own_candidate() {
    let text = "The European Commission fined Apple 1.84 billion euros ($1.95 billion) on Monday. \
                The fire charred some 320 acres (129.5 hectares) of scrub, the county said.";
    let found = extract(text, day("2024-03-04"), &[]);
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|c| (c.value.as_str(), c.unit.as_deref().unwrap_or(""), c.source.as_deref().unwrap_or("")))
        .collect();
    // no rate is applied between currencies, so both are kept; a unit converted is one figure
    assert_eq!(
        got,
        [
            ("1.84 billion", "EUR", "European Commission"),
            ("1.95 billion", "USD", "European Commission"),
            ("some 320", "acres", "the county")
        ]
    );
    assert!(
        found[1].note.as_deref().is_some_and(|n| n.contains("likely a conversion")),
        "{:?}",
        found[1].note
    );
}

/// Kenya's Haiti mission fund of early 2025, in sentences written for this test.
#[test]
fn a_speaker_after_the_figures_speaks_for_a_sentence_that_goes_on_without_a_subject() {
    let text = "Foreign Secretary Korir Sing'oei spoke in Nairobi. \
                Donors had pledged $110.3 million to the fund, he said, enough to last until September.";
    let found = extract(text, day("2025-02-06"), &[]);
    let got: Vec<(&str, &str)> =
        found.iter().map(|c| (c.value.as_str(), c.source.as_deref().unwrap_or(""))).collect();
    assert_eq!(got, [("110.3 million", "Korir Sing'oei")]);
}

/// China's second quarter of 2023, in sentences written for this test.
#[test]
fn a_forecast_named_beside_a_figure_is_the_forecasters() {
    let text = "The economy grew 6.3%, the statistics bureau said on Monday, short of the 7.3% that \
                analysts polled by Reuters had expected. Core prices rose 5.9%, above the 5.7% economists \
                had pencilled in, the bureau said.";
    let found = extract(text, day("2023-07-17"), &[]);
    let got: Vec<(&str, &str)> =
        found.iter().map(|c| (c.value.as_str(), c.source.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        got,
        [
            ("6.3%", "the statistics bureau"),
            ("7.3%", "analysts"),
            ("5.9%", "the bureau"),
            ("5.7%", "economists")
        ]
    );
}

/// Goma's toll of February 2025, in sentences written for this test.
#[test]
fn another_figure_is_noted_as_more_besides_and_never_made_a_total() {
    let text = "She said 2,000 bodies had been gathered and another 900 were lying in morgues.";
    let found = extract(text, day("2025-02-06"), &[]);
    let besides = found.iter().find(|c| c.value == "900").expect("the 900");
    assert!(besides.note.as_deref().is_some_and(|n| n.contains("not a total")), "{:?}", besides.note);
    assert!(besides.change_of.is_none(), "never guessed to be a change of the 2,000");
    assert!(!found[0].note.as_deref().unwrap_or("").contains("not a total"));
}

/// The Pylos shipwreck of June 2023, in sentences written for this test.
#[test]
fn he_said_means_the_person_the_sentence_has_just_introduced() {
    let text = "Coast guard spokesman Nikos Alexiou said 104 people were rescued. \
                Kassam Abozeed, a Syrian who lives in Germany, was looking for his wife, who he said had paid $4,500 for a place.";
    let found = extract(text, day("2023-06-15"), &[]);
    let got: Vec<(&str, &str)> =
        found.iter().map(|c| (c.value.as_str(), c.source.as_deref().unwrap_or(""))).collect();
    assert_eq!(got, [("104", "Nikos Alexiou"), ("4,500", "Kassam Abozeed")]);
}

/// Taiwan's legislative vote of January 2024, in sentences written for this test.
#[test]
fn counts_whose_noun_was_said_before_are_figures() {
    let text = "The Kuomintang took 52 seats and the DPP 51, with the Taiwan People's Party winning eight. \
                Flight 17 landed at Gate 9.";
    let found = extract(text, day("2024-01-14"), &[]);
    let got: Vec<&str> = found.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(got, ["52", "51", "8"], "a party's initials before a count; a flight's number is no figure");
}

/// A headline the story does not repeat, in sentences written for this test.
#[test]
fn a_headline_figure_alone_is_of_the_story_s_date() {
    let text =
        "Toll climbs past 400 as rescuers dig\n\nAt least 412 people have died, officials said on Monday.";
    let found = extract(text, day("2024-05-06"), &[]);
    let headline = found.iter().find(|c| c.value == "past 400").expect("the headline's figure");
    assert_eq!(headline.as_of.as_deref(), Some("2024-05-06"), "the qualifier kept, the story's date");
}

#[test]
fn a_subject_that_gives_a_figure_by_acting_is_its_claimant() {
    let text = "Georgian police detained 107 protesters overnight in Tbilisi.\n\n\
                The European Central Bank lifted its deposit rate by 50 basis points.\n\n\
                Turnout reached 67% in the capital.\n\n\
                Rescuers pulled 14 people from the rubble.\n\n\
                Shares of the developer fell 20.8% in Hong Kong.\n\n\
                Health Minister Firass Abiad said 2,800 people were hurt.\n\n\
                He broke the wounded down by region: 1,850 in Beirut and 150 in the Bekaa.\n\n\
                A police statement put the number of injured at 101.";
    let found = extract(text, day("2024-12-02"), &[]);
    let got: Vec<[&str; 2]> =
        found.iter().map(|c| [c.value.as_str(), c.source.as_deref().unwrap_or("")]).collect();
    assert_eq!(
        got,
        [
            ["107", "Georgian police"],
            ["50", "European Central Bank"],
            ["67%", ""],
            ["14", "Rescuers"],
            ["-20.8%", ""],
            ["2,800", "Firass Abiad"],
            ["1,850", "Firass Abiad"],
            ["150", "Firass Abiad"],
            ["101", "police statement"],
        ]
    );
}
