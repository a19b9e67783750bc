//! `GET /docs`: Swagger UI, shipped inside the binary (utoipa-swagger-ui, `vendored`), reading
//! the contract from `GET /openapi.yaml`. Works without any network access.

use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, Full};
use hyper::{header, Response, StatusCode};
use utoipa_swagger_ui::Config;

use super::problem::{problem, problem_response, HttpBody};

pub fn serve(path: &str) -> Response<HttpBody> {
    if path == "/docs" {
        let mut redirect = Response::new(BoxBody::new(Full::new(Bytes::new())));
        *redirect.status_mut() = StatusCode::PERMANENT_REDIRECT;
        redirect.headers_mut().insert(header::LOCATION, header::HeaderValue::from_static("/docs/"));
        return redirect;
    }
    static CONFIG: OnceLock<Arc<Config<'static>>> = OnceLock::new();
    let config = CONFIG.get_or_init(|| Arc::new(Config::from("/openapi.yaml")));
    let file = path.trim_start_matches("/docs/");
    match utoipa_swagger_ui::serve(file, config.clone()) {
        Ok(Some(file)) => {
            let mut response = Response::new(BoxBody::new(Full::new(Bytes::from(file.bytes.into_owned()))));
            let content_type = header::HeaderValue::from_str(&file.content_type)
                .unwrap_or(header::HeaderValue::from_static("application/octet-stream"));
            response.headers_mut().insert(header::CONTENT_TYPE, content_type);
            if file.gzpipped {
                response.headers_mut().insert(header::CONTENT_ENCODING, header::HeaderValue::from_static("gzip"));
            }
            response
        }
        Ok(None) => problem_response(&problem(StatusCode::NOT_FOUND, format!("no resource at {path}"))),
        Err(e) => problem_response(&problem(StatusCode::INTERNAL_SERVER_ERROR, format!("Swagger UI: {e}"))),
    }
}
