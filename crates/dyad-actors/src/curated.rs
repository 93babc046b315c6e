//! The curated tables analysts edit (`actors/people.tsv`, `actors/organisations.tsv`):
//! their headers, one line per added actor, and a listing of everything the lexicon knows,
//! for the `dyad actors` command.

use crate::ActorLexicon;

/// Header of `actors/people.tsv`.
pub const PEOPLE_HEADER: &str = "name\taliases\tcountry\tsector\trole\tstart\tend\n";
/// Header of `actors/organisations.tsv`.
pub const ORGANISATIONS_HEADER: &str = "name\taliases\tcode\tsector\ttype\tkind\torg\tcameo\n";

/// A person or organisation to add to the curated tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewActor {
    pub name: String,
    pub aliases: Vec<String>,
    pub country: String,
    pub sector: String,
    pub role: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r', '|'], " ").trim().to_string()
}

impl NewActor {
    fn aliases(&self) -> String {
        self.aliases
            .iter()
            .map(|a| field(a))
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join("|")
    }

    /// The actor as a line of `people.tsv`.
    pub fn people_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            field(&self.name),
            self.aliases(),
            field(&self.country),
            field(&self.sector),
            field(self.role.as_deref().unwrap_or("")),
            field(self.start.as_deref().unwrap_or("")),
            field(self.end.as_deref().unwrap_or(""))
        )
    }

    /// The actor as a line of `organisations.tsv`.
    pub fn organisation_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\tORGANIZATION\tcurated\n",
            field(&self.name),
            self.aliases(),
            field(&self.country),
            field(&self.sector)
        )
    }
}

/// One row of the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// `person`, `org`, `place` or `country`.
    pub kind: &'static str,
    pub name: String,
    pub code: String,
    pub sector: String,
    /// Role with dates for people ("president 2024-05-07–"), place kind for places; for
    /// organisations their type, own code, CAMEO code and home country, then aliases.
    pub detail: String,
}

impl ActorLexicon {
    /// Everything the lexicon knows, one row per actor (people: one row per tenure).
    pub fn catalogue(&self) -> Vec<Listed> {
        let g = &self.gaz;
        let mut out = Vec::new();
        for c in &g.countries {
            out.push(Listed {
                kind: "country",
                name: c.name.clone(),
                code: c.iso3.clone(),
                sector: String::new(),
                detail: c.aliases.join("|"),
            });
        }
        for o in &g.organisations {
            out.push(Listed {
                kind: "org",
                name: o.name.clone(),
                code: o.code.clone().unwrap_or_default(),
                sector: o.sector.clone().unwrap_or_default(),
                // "igo NAT IGOWSTNAT; North Atlantic Treaty Organization|...": the
                // organisation's type, own code, CAMEO code and home country, then aliases.
                detail: {
                    let about: Vec<&str> = [&o.org_type, &o.org, &o.cameo, &o.home]
                        .into_iter()
                        .filter_map(|f| f.as_deref())
                        .collect();
                    format!("{}; {}", about.join(" "), o.aliases.join("|"))
                },
            });
        }
        for p in &g.people {
            for t in &p.tenures {
                let dates =
                    |d: Option<dyad_model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
                out.push(Listed {
                    kind: "person",
                    name: p.name.clone(),
                    code: t.country.clone().unwrap_or_default(),
                    sector: t.sector.clone().unwrap_or_default(),
                    detail: format!(
                        "{} {}..{}",
                        t.role.as_deref().unwrap_or(""),
                        dates(t.start),
                        dates(t.end)
                    ),
                });
            }
        }
        for p in &g.places {
            out.push(Listed {
                kind: "place",
                name: p.name.clone(),
                code: p.country.clone(),
                sector: String::new(),
                detail: format!("{:?} {:.4},{:.4}", p.kind, p.geo.lat, p.geo.lon).to_lowercase(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_lines_parse_back() {
        let a = NewActor {
            name: "Jane Roe".into(),
            aliases: vec!["Roe".into(), "J|R".into()],
            country: "GBR".into(),
            sector: "GOV".into(),
            role: Some("foreign secretary".into()),
            start: Some("2024-07-05".into()),
            end: None,
        };
        let mut data = dyad_data::DataSet::empty();
        data.insert(
            "actors/people.tsv",
            format!("{PEOPLE_HEADER}{}", a.people_line()),
        );
        data.insert(
            "actors/organisations.tsv",
            format!("{ORGANISATIONS_HEADER}{}", a.organisation_line()),
        );
        let lex = ActorLexicon::from_data(&data).unwrap();
        let cat = lex.catalogue();
        let person = cat.iter().find(|l| l.kind == "person").unwrap();
        assert_eq!(
            (person.name.as_str(), person.code.as_str()),
            ("Jane Roe", "GBR")
        );
        assert!(person.detail.contains("foreign secretary 2024-07-05"));
        assert!(cat.iter().any(|l| l.kind == "org" && l.sector == "GOV"));
    }
}
