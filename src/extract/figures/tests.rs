//! Table tests of the figures of a sentence: one row per form, with the sentence in the
//! assertion message.

use super::*;
use crate::extract::sentences::words;

fn first(sentence: &str) -> Option<(String, Option<String>, Option<String>)> {
    find(&words(sentence), &[]).into_iter().next().map(|f| (f.value, f.unit, f.note))
}

#[test]
fn figures_as_written() {
    let table: &[(&str, &str, &str)] = &[
        ("More than 1,000 North Korean soldiers were killed", "More than 1,000", "soldiers"),
        ("Ukraine seized about 380 square miles of Kursk", "about 380", "square miles"),
        ("between 15 and 20 people were wounded", "between 15 and 20", "people"),
        ("damaged some 40 apartment buildings.", "some 40", "apartment buildings"),
        ("U.S. employers shed 20.5 million jobs in April", "20.5 million", "jobs"),
        ("The death toll has passed 41,000, the agency said", "passed 41,000", ""),
        ("Power was cut to nearly 30% of homes", "nearly 30%", ""),
        ("unemployment rose 3.5 percent in May", "3.5%", ""),
        ("The storm killed nine people in the town", "9", "people"),
        ("Rebels seized two dozen villages", "24", "villages"),
        ("a fifth of the homes were destroyed", "20%", ""),
        ("The fund paid $71.4 million in aid", "71.4 million", "USD"),
        ("the toll could exceed 20,000 people, officials said", "could exceed 20,000", "people"),
        ("Russia took control over 93 settlements", "93", "settlements"),
        ("Around a million people fled", "Around 1 million", "people"),
        ("half a million people marched", "500,000", "people"),
        ("The state lent £1.5m to farmers", "1.5 million", "GBP"),
        ("The IMF approved SDR 2.286 billion for Sri Lanka", "2.286 billion", "XDR"),
        ("The EU pledged €2bn in aid", "2 billion", "EUR"),
        ("A record 642 million voters cast their ballots", "642 million", "voters"),
        ("Twenty-two civilians died in the strike", "22", "civilians"),
        ("the blast killed thirty-one miners", "31", "miners"),
        ("troops advanced 12 kilometres into the region", "12", "kilometres"),
        ("In Kharkiv, 45 people were hurt", "45", "people"),
        ("In Izium, 12 homes burned", "12", "homes"),
        // written for these rules from other stored reporting, in our own words
        ("One hundred and eleven people were detained overnight", "111", "people"),
        ("Two hundred homes were flooded", "200", "homes"),
        ("Two of the injured were airlifted to Rabat", "2", ""),
        ("the quake killed nine, the ministry said", "9", ""),
        ("Nine dead as a bus plunges into a ravine", "9", "dead"),
        ("Mpox is endemic in eleven of Congo's provinces", "11", ""),
        ("Rescuers searched across eleven provinces.", "11", "provinces"),
        ("Nearly half the homes lost power", "Nearly 50%", ""),
        ("The project will cost Rs 10 crore, the minister said", "10 crore", "INR"),
        ("The state set aside 2.5 lakh rupees for each family", "2.5 lakh", "INR"),
        ("Losses are put at between $42 billion and $57 billion", "between 42 billion and 57 billion", "USD"),
        ("Surge adds $3 billion to $5.5 billion.", "3 billion to 5.5 billion", "USD"),
        ("The damage could exceed 60 billion dollars", "could exceed 60 billion", "USD"),
        ("The toll climbed past 80 on Sunday", "past 80", ""),
        ("Inflation stayed well above 40% in May", "well above 40%", ""),
        ("Insured losses are well over $100 billion", "well over 100 billion", "USD"),
        ("The government approved 100 billion liras for relief", "100 billion", "TRY"),
        ("The fund holds 2 billion Libyan dinars", "2 billion", "LYD"),
        ("airlines may receive up to 95.7 billion won", "up to 95.7 billion", "KRW"),
        ("Labour won 412 seats", "412", "seats"),
        ("a 2,500-acre fire burned near the town", "2,500", "acres"),
        ("some 1,200-hectare blaze", "some 1,200", "hectares"),
        ("Almost 8 million tonnes of grain left the ports", "Almost 8 million", "tonnes"),
        ("At least 200 ethnic Armenians were killed", "At least 200", "ethnic Armenians"),
        ("154 police officers and gendarmes were hurt", "154", "police officers"),
        ("It shut 38 parts distribution centres.", "38", "parts distribution centres"),
        ("The ministry reported 551 new cholera cases", "551", "new cholera cases"),
        ("A further 105 missing were feared dead", "105", "missing"),
        ("By Sept. 30, 27 cases had been confirmed", "27", "cases"),
        ("The Kuomintang took 52 seats and the DPP 51, with others", "52", "seats"),
        ("under the age of 10 and 12 teenagers younger than 16", "12", "teenagers"),
        ("The minister reported 27 dead and four missing", "27", "dead"),
        ("more than 100 hurt in Kyiv", "more than 100", ""),
        ("More than 200 others were taken hostage", "More than 200", ""),
        ("around 1,300 of them children", "around 1,300", ""),
        ("By Saturday, when the count stood at 89, searchers had left", "89", ""),
        ("Massa edged Milei by 50.73% to 49.26%", "50.73%", ""),
        ("Prices rose from 3,000 to 5,000 in a year", "3,000", ""),
        ("Twenty four people died in one village", "24", "people"),
        ("It will pay Rs two lakh for each house", "2 lakh", "INR"),
        ("The junta dismissed tolls surpassing 400 as false", "surpassing 400", ""),
        ("Turnout tops 70 percent", "tops 70%", ""),
        ("Three in four voters named prices", "75%", ""),
        ("and one in three adults skipped meals", "about 33%", ""),
        ("1 in 5 children is underweight", "20%", ""),
        ("Rebels struck 3 in 10 days.", "3", ""),
        ("Last week 45 people died in the camps", "45", "people"),
        ("Nearly two-thirds of the homes were destroyed", "Nearly 67%", ""),
        ("Damage could top $1 billion, the governor said", "could top 1 billion", "USD"),
        ("One of the dead was a rescue worker", "1", ""),
        ("The flood cut off 1500 homes in 1200 villages", "1500", "homes"),
        ("About 1500 people marched", "About 1500", "people"),
        ("Police seized 500 pounds of explosives", "500", "pounds"),
        ("The charity raised 2 million pounds of aid", "2 million", "pounds"),
        ("Lawmakers earn more than 100 million rupiah a month", "more than 100 million", "IDR"),
        ("It stood at around 50 pounds per dollar", "around 50", "pounds"),
        ("Liberia reported only eight, down from 300", "8", ""),
        ("of whom 1,500 came from other states", "1,500", ""),
        ("One-third of the farmland flooded", "about 33%", ""),
        ("In Kharkiv 45 people were hurt", "45", "people"),
    ];
    for (sentence, value, unit) in table {
        let got = first(sentence).unwrap_or_else(|| panic!("no figure in {sentence:?}"));
        assert_eq!((got.0.as_str(), got.1.as_deref().unwrap_or("")), (*value, *unit), "{sentence}");
    }
}

#[test]
fn a_converted_figure_is_one_figure() {
    for (sentence, value, unit) in [
        ("The fire charred some 320 acres (129.5 hectares) of scrub", "some 320", "acres"),
        ("The blaze left 1,600 acres (647 hectares) burned", "1,600", "acres"),
    ] {
        let found = find(&words(sentence), &[]);
        let got: Vec<_> = found.iter().map(|f| (f.value.as_str(), f.unit.as_deref().unwrap_or(""))).collect();
        assert_eq!(got, [(value, unit)], "{sentence}");
    }
}

#[test]
fn every_figure_of_a_sentence() {
    // written for these rules from other stored reporting, in our own words
    for (sentence, values) in [
        ("The country has 27 labs and four more are planned.", &["27", "4"][..]),
        ("Massa edged Milei by 50.73% to 49.26% in the province.", &["50.73%", "49.26%"]),
        ("Abstention rose from 20.95% to 21.3%.", &["20.95%", "21.3%"]),
        // a list whose noun the first item gave, and spelled counts without a noun
        ("Haiti recorded 1,210 cases, Jamaica 305 and Cuba 48, the agency said.", &["1,210", "305", "48"]),
        ("Labour won 412 seats and the Liberal Democrats 72.", &["412", "72"]),
        ("Sindh counted 578 deaths and the province of Punjab 223, officials said.", &["578", "223"]),
        ("The Greens took 12 seats and Volt three, the count showed.", &["12", "3"]),
        ("Fourteen people were killed, three of them children.", &["14", "3"]),
        ("Some 40 were hurt and six of those still in hospital were critical.", &["Some 40", "6"]),
        ("The governor put the dead at seven by nightfall.", &["7"]),
        ("A nurse fell ill, bringing the number of cases to eight.", &["8"]),
        ("Two patients died on Monday and five were in intensive care.", &["2", "5"]),
        ("Of 51 victims, 27 were Mexican, seven Guatemalan and two Honduran.", &["51", "27", "7", "2"]),
        ("Some 48 are in hospital, including six in intensive care.", &["Some 48", "6"]),
        ("Three of his former aides testified against him.", &["3"]),
        ("Only three of the 38 ministers voted against it.", &["3", "38"]),
    ] {
        let got: Vec<String> = find(&words(sentence), &[]).into_iter().map(|f| f.value).collect();
        assert_eq!(got, values, "{sentence}");
    }
}

#[test]
fn hedges_go_to_the_note() {
    let (value, _, note) = first("The flood may have killed 300 people").unwrap();
    assert_eq!(value, "300");
    assert_eq!(note.as_deref(), Some("hedged: \"may have killed\""));
    let (_, _, note) = first("the toll could exceed 20,000 people").unwrap();
    assert_eq!(note.as_deref(), Some("hedged: \"could exceed\""));
}

#[test]
fn not_figures() {
    for sentence in [
        "In 2023 the war went on.",
        "It struck on December 3 at dawn.",
        "Sirens sounded at 10:30 in the city.",
        "A 45-year-old commander was hurt.",
        "A man aged 67 died.",
        "The 6.5-magnitude quake struck.",
        "A quake of magnitude 7.8 struck.",
        "The three-year war goes on.",
        "Crews worked 24 hours a day.",
        "In the six months after it hit.",
        "The 3rd brigade moved.",
        "Under Article 5 allies respond.",
        "The 2022 agreement on grain.",
        // written for these rules from other stored reporting, in our own words
        "The reform raises the retirement age from 62 to 64.",
        "Food prices have risen for 14 consecutive months.",
        "Rescuers have 3 more days to search.",
        "The fever had spread by week 19 of the year.",
        "The iPhone 15 went on sale.",
        "It was one of the worst storms in decades.",
        "The city fell to the Ottomans in 1453, long before the war.",
        "One of the cities hit was Hatay.",
        "One of them said the water rose fast.",
        "\"We lost them,\" said Fire Chief Tracy Jarman, 52.",
        "Men aged between 18 and 60 were barred from leaving.",
        "The club won the 2022-23 season title.",
        "The firm filed for Chapter 11 bankruptcy protection.",
        "Houses were flattened up to 25 km inland.",
        "Its leader, 61, told supporters he had won.",
        "Call 112 for help, the ministry said.",
        "The team won 2-0 on Saturday.",
        "The G20 summit and the COP28 talks follow.",
        "Pickets from Local 1700 stood at the gates.",
        "Stellantis builds the Ram 1500 pickup there.",
        "The union struck all three automakers at once.",
        "Call the hotline on 020 7946 0958 for news of relatives.",
        "Argentina won 3-1 in the final.",
        "The court ruled 5-4 against the plan.",
        "The match ended in a 2-2 draw.",
        "The app's version 17 shipped in May.",
        "Officials met at 14:00 GMT.",
        "The G7 leaders met as the Covid-19 toll rose and F-16 jets flew over.",
        "The camp lies about 40 miles north of the border.",
        "The town sits 15 km south-west of Kherson.",
        "Winds reached 150 miles per hour.",
        "Gusts of 120 mph hit the coast.",
        "The outbreak was declared a grade 3 emergency.",
        "The city moved to alert level 4 on Monday.",
        "The storm was upgraded to category 5.",
        "Water closed Interstate 35, the main highway.",
        "Soldiers of Brigade 47, which held the town, withdrew.",
        "The town lies 150 miles (241 kilometers) southeast of the city.",
        "A Boeing 737 crashed near the airport.",
        "She was one of the top 10 earners.",
        "Voters in District 9 went to the polls.",
        "Crews shut Interstate 29 north of the line.",
        "\"It came fast,\" said Ana Ruiz, 58, a teacher.",
        "Prosecutors charged him under section 302 of the penal code.",
        "It opened cases under articles 353 and 187 of the code.",
        "The crash of Flight 17 shocked the Netherlands.",
        "One was released on bail.",
        "The van was found on the 9600 block of Quintana Road.",
    ] {
        assert_eq!(first(sentence), None, "{sentence}");
    }
}
