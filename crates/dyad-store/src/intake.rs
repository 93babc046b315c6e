//! What every edge that stores documents (`dyad ingest`, the server's `POST
//! /api/documents`, `dyad demo`) does with a document read from its input before it is
//! extracted: the language policy ([`SourceDocument::in_coded_language`]), the default
//! publication date, and the already-stored check by content hash, so that a document is
//! never extracted twice and every edge stores the same documents.

use dyad_ingest::SourceDocument;
use dyad_model::Date;

use crate::write::hash_fields;
use crate::{Result, Store};

/// The rules a document passes before extraction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Intake {
    /// Keep documents identified as other than the coded language (skipped by default).
    pub any_language: bool,
    /// Publication date for documents that carry none.
    pub published: Option<Date>,
}

/// What [`Intake::admit`] decided for one document.
#[derive(Clone, Debug, PartialEq)]
pub enum Admission {
    /// To be extracted and stored (its publication date filled in when it had none).
    Extract(Box<SourceDocument>),
    /// In a language dyad does not code.
    OtherLanguage,
    /// A document with the same content hash is stored already.
    AlreadyStored {
        /// The content hash it is stored under.
        hash: String,
    },
}

/// The content hash the store will give the document the pipeline returns for `doc`
/// ([`crate::content_hash`] of the same fields, without copying the text).
pub fn source_hash(doc: &SourceDocument) -> String {
    let published = doc.published.map(|d| d.to_string());
    hash_fields([
        Some(doc.id.as_str()),
        doc.url.as_deref(),
        doc.title.as_deref(),
        published.as_deref(),
        doc.source.as_deref(),
        doc.author.as_deref(),
        doc.language.as_deref(),
        Some(doc.text.as_str()),
    ])
}

impl Intake {
    /// Applies the language policy and the default date, then checks `store` for the
    /// document's content hash.
    pub fn admit(&self, store: &Store, mut doc: SourceDocument) -> Result<Admission> {
        if !self.any_language && !doc.in_coded_language() {
            return Ok(Admission::OtherLanguage);
        }
        if doc.published.is_none() {
            doc.published = self.published;
        }
        let hash = source_hash(&doc);
        if store.contains(&hash)? {
            return Ok(Admission::AlreadyStored { hash });
        }
        Ok(Admission::Extract(Box::new(doc)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_model::Document;

    /// The document as the pipeline returns it.
    fn as_document(doc: &SourceDocument) -> Document {
        Document {
            id: doc.id.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            published: doc.published,
            source: doc.source.clone(),
            author: doc.author.clone(),
            language: doc.language.clone(),
            text: doc.text.clone(),
            duplicate_of: None,
        }
    }

    #[test]
    fn language_date_and_stored_documents_are_decided_before_extraction() {
        let mut store = Store::open_in_memory().unwrap();
        let intake = Intake {
            any_language: false,
            published: Some("2025-01-02".parse().unwrap()),
        };
        let french = SourceDocument {
            id: "fr".into(),
            language: Some("fr".into()),
            text: "Le président a rencontré son homologue.".into(),
            ..Default::default()
        };
        assert_eq!(
            intake.admit(&store, french.clone()).unwrap(),
            Admission::OtherLanguage
        );
        let keep_all = Intake {
            any_language: true,
            ..intake
        };
        assert!(matches!(
            keep_all.admit(&store, french).unwrap(),
            Admission::Extract(_)
        ));

        let doc = SourceDocument {
            id: "d1".into(),
            text: "Russia and China signed a trade agreement.".into(),
            ..Default::default()
        };
        let Admission::Extract(admitted) = intake.admit(&store, doc.clone()).unwrap() else {
            panic!("not admitted");
        };
        assert_eq!(admitted.published, intake.published);
        let extraction = dyad_model::Extraction {
            doc: as_document(&admitted),
            entities: Vec::new(),
            events: Vec::new(),
            removed: Vec::new(),
        };
        assert!(store.add(&extraction).unwrap().stored);
        assert_eq!(
            intake.admit(&store, doc).unwrap(),
            Admission::AlreadyStored {
                hash: crate::content_hash(&extraction.doc)
            }
        );
    }
}
