//! The API's routes, as the spec declares them (derived by `build.rs` from `spec/openapi.yaml`):
//! the template a path matches is its label in logs, traces and metrics, a 405 lists the
//! route's methods in `Allow`, and the public routes (`security: []`) need no credentials.

/// One path of the spec.
pub struct Route {
    /// As the spec writes it: `/orders/{id}`.
    pub template: &'static str,
    /// For `Allow`: `GET, PUT, DELETE`.
    pub methods: &'static str,
    /// Every operation on it says `security: []`.
    pub public: bool,
}

include!(concat!(env!("OUT_DIR"), "/routes.rs"));

/// The label of a path that is none of the spec's.
pub const UNMATCHED: &str = "unmatched";

/// The route a request path matches, as the generated router matches it: a `{parameter}` is
/// one segment, possibly empty (`/orders/` is `/orders/{id}` with an id that fails to parse).
pub fn matched(path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|route| {
        let (mut pattern, mut segments) = (route.template.split('/'), path.split('/'));
        loop {
            match (pattern.next(), segments.next()) {
                (None, None) => return true,
                (Some(p), Some(s)) if p.starts_with('{') || p == s => {}
                _ => return false,
            }
        }
    })
}

/// The template of the route a path matches, or [`UNMATCHED`]: a label with few values.
pub fn template_of(path: &str) -> &'static str {
    matched(path).map_or(UNMATCHED, |route| route.template)
}

/// Whether a request to `path` must carry credentials: anything under the first segment of a
/// route that is not public (`/orders/1/nonsense` is refused 401 before it is found 404), so
/// a caller without credentials learns nothing about what exists there.
pub fn needs_credentials(path: &str) -> bool {
    let first = |p: &'static str| p.split('/').nth(1).unwrap_or_default();
    let wanted = path.split('/').nth(1).unwrap_or_default();
    ROUTES.iter().any(|route| !route.public && first(route.template) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_the_specs_templates() {
        assert_eq!(template_of("/orders"), "/orders");
        assert_eq!(template_of("/orders/12"), "/orders/{id}");
        assert_eq!(template_of("/orders/12/events"), "/orders/{id}/events");
        assert_eq!(template_of("/orders/12/shipment/events"), "/orders/{id}/shipment/events");
        assert_eq!(template_of("/products/tea"), "/products/{sku}");
        assert_eq!(template_of("/problems/invalid-fields"), "/problems/{type}");
        assert_eq!(template_of("/openapi.yaml"), "/openapi.yaml");
        assert_eq!(template_of("/orders/"), "/orders/{id}");
        for unmatched in ["/orders/12/x", "/ordersx", "/", "/docs", "/orders/1/events/"] {
            assert_eq!(template_of(unmatched), UNMATCHED, "{unmatched}");
        }
    }

    #[test]
    fn allow_lists_the_methods_of_each_route() {
        let methods = |path: &str| matched(path).map(|r| r.methods);
        assert_eq!(methods("/orders"), Some("GET, POST"));
        assert_eq!(methods("/orders/12"), Some("GET, PUT, DELETE"));
        assert_eq!(methods("/orders/12/events"), Some("GET"));
        assert_eq!(methods("/orders/12/shipment/events"), Some("POST"));
        assert_eq!(methods("/products/tea"), Some("GET, PUT"));
        assert_eq!(methods("/openapi.yaml"), Some("GET"));
    }

    #[test]
    fn only_the_order_and_product_routes_need_credentials() {
        for path in ["/orders", "/orders/1", "/orders/1/nonsense", "/products", "/products/tea"] {
            assert!(needs_credentials(path), "{path}");
        }
        for path in ["/healthz", "/readyz", "/metrics", "/openapi.yaml", "/problems/x", "/docs", "/nowhere", "/ordersx"]
        {
            assert!(!needs_credentials(path), "{path}");
        }
    }
}
