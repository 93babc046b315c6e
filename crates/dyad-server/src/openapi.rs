//! The OpenAPI 3.1 description of the API, kept as data (`openapi.json` beside `src/`)
//! and served at `/api/openapi.json`. A test checks that it describes every route of
//! [`crate::API_ROUTES`] and nothing else.

/// `openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_every_route_and_only_them() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().unwrap();
        let mut described = Vec::new();
        for (path, item) in paths {
            for method in item.as_object().unwrap().keys() {
                if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                    described.push((method.to_ascii_uppercase(), path.clone()));
                }
            }
        }
        for (method, path) in crate::API_ROUTES {
            assert!(
                described.contains(&(method.to_string(), path.to_string())),
                "{method} {path} is not in openapi.json"
            );
        }
        for (method, path) in &described {
            assert!(
                crate::API_ROUTES.contains(&(method.as_str(), path.as_str())),
                "openapi.json describes {method} {path}, which the router does not have"
            );
        }
    }
}
