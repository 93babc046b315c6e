//! Language identification of documents with `whatlang` (trigram statistics, 70 languages,
//! no model files): the ISO 639-1 code of a text's language when the identification is
//! reliable, else nothing.
//!
//! A text is identified from its first [`SAMPLE_BYTES`] bytes (enough for a stable answer,
//! and constant cost for long pages). Texts shorter than [`MIN_LETTERS`] letters are not
//! identified: on a headline-sized text trigram statistics are a guess, and a wrong guess
//! would drop an English document. A reliable identification replaces the language a page
//! declared (templates often declare `en` for every page); otherwise the declared language
//! is kept, reduced to its primary subtag (`en-GB` → `en`).

use whatlang::Lang;

/// How much of a text (in bytes, rounded down to a character boundary) is identified.
pub const SAMPLE_BYTES: usize = 4096;
/// Fewest letters a text needs to be identified at all.
pub const MIN_LETTERS: usize = 80;

/// The ISO 639-1 code of the language of `text`, when it can be identified reliably.
pub fn identify(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(iso_639_1(info.lang()))
}

/// The language a document should carry: the reliably identified language of its text,
/// else the declared one (primary subtag, lower case), else none.
pub fn resolve(text: &str, declared: Option<&str>) -> Option<String> {
    if let Some(code) = identify(text) {
        return Some(code.to_string());
    }
    let declared = declared?.trim();
    let primary = declared.split(['-', '_']).next().unwrap_or_default();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// The ISO 639-1 code of a language whatlang knows (all 70 have one; Mandarin is `zh`,
/// Western Persian `fa`, Norwegian Bokmål `nb`).
fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_paragraphs_in_several_languages() {
        let cases = [
            ("en", "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with North Korean leader Kim Jong Un, state media reported, as the two countries deepen their military cooperation."),
            ("fr", "Le ministre russe de la Défense est arrivé vendredi à Pyongyang pour des entretiens avec le dirigeant nord-coréen, a rapporté la presse d'État, alors que les deux pays renforcent leur coopération militaire."),
            ("de", "Der russische Verteidigungsminister ist am Freitag zu Gesprächen mit dem nordkoreanischen Machthaber in Pjöngjang eingetroffen, berichteten Staatsmedien, während beide Länder ihre militärische Zusammenarbeit vertiefen."),
            ("es", "El ministro de Defensa ruso llegó el viernes a Pyongyang para mantener conversaciones con el líder norcoreano, informaron los medios estatales, mientras ambos países profundizan su cooperación militar."),
            ("ru", "Министр обороны России в пятницу прибыл в Пхеньян для переговоров с лидером Северной Кореи, сообщили государственные СМИ, поскольку две страны углубляют военное сотрудничество."),
        ];
        for (code, text) in cases {
            assert_eq!(identify(text), Some(code), "{text}");
        }
    }

    #[test]
    fn short_or_empty_texts_are_not_identified() {
        assert_eq!(identify(""), None);
        assert_eq!(identify("Egypt hosted talks with Sudan."), None);
        assert_eq!(identify("12 345 678 -- ... !!"), None);
    }

    #[test]
    fn sampling_cuts_at_a_character_boundary() {
        let text = "é".repeat(SAMPLE_BYTES);
        let _ = identify(&text);
        let text = format!("a{}", "ж".repeat(SAMPLE_BYTES));
        let _ = identify(&text);
    }

    #[test]
    fn declared_language_is_the_fallback() {
        assert_eq!(resolve("Short.", Some("en-GB")).as_deref(), Some("en"));
        assert_eq!(resolve("Short.", Some("FR")).as_deref(), Some("fr"));
        assert_eq!(resolve("Short.", Some("english")), None);
        assert_eq!(resolve("Short.", None), None);
    }
}
