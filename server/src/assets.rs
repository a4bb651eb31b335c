//! The site's static files under `/pkg`: the hydration script, the WASM and the style sheet.
//!
//! Release builds (`cargo leptos build --release --precompress`) put a Brotli (`.br`) and a gzip
//! (`.gz`) copy beside each file, made once at build time at the best ratio; `ServeDir` sends the
//! one the browser accepts, with `Content-Encoding`. With `hash-files = true`, cargo-leptos names
//! the files after their content (`epic-events.<hash>.wasm`), so such a URL never changes
//! meaning: browsers keep them a year without asking again. Any other file is revalidated.

use axum::Router;
use axum::extract::Request;
use axum::middleware::{Next, from_fn};
use axum::response::Response;
use http::{HeaderValue, header};
use leptos::config::LeptosOptions;
use tower_http::services::ServeDir;

/// For content-hashed files: a year, never revalidated.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For files whose name does not change with their content: asked again each time (a 304 when
/// unchanged).
const REVALIDATE: &str = "no-cache";

/// Leptos's `<HydrationScripts>` and `<HashedStylesheet>` name the hashed files only when
/// told to (`LEPTOS_HASH_FILES`), which cargo-leptos does under `cargo leptos serve` alone. The
/// server is started directly: it names them whenever cargo-leptos left the list of hashes
/// (`hash.txt`, read by Leptos from beside the binary) as it does when it builds the site.
/// `LEPTOS_HASH_FILES`, when set, decides.
pub fn name_hashed_files_if_built(mut options: LeptosOptions) -> LeptosOptions {
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        let beside_binary = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.to_path_buf()));
        options.hash_files = beside_binary.is_some_and(|dir| dir.join(options.hash_file.as_ref()).is_file());
    }
    options
}

/// The service to nest under `/pkg`.
pub fn pkg_service(dir: &str) -> Router {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = request.uri().path().rsplit('/').next().is_some_and(is_content_hashed);
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == http::StatusCode::NOT_MODIFIED {
        let value = if hashed { IMMUTABLE } else { REVALIDATE };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        // One URL, a Brotli, gzip or plain body: shared caches must keep them apart (ServeDir
        // does not say so itself).
        if !headers.contains_key(header::VARY) {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response
}

/// Whether a file name carries cargo-leptos's content hash: `name.<hash>.ext`, the hash being
/// the file's MD5 in unpadded URL-safe base64 (22 characters).
fn is_content_hashed(file_name: &str) -> bool {
    let mut parts = file_name.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty() && hash.len() == 22 && hash.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn only_names_carrying_a_content_hash_count_as_hashed() {
        assert!(is_content_hashed("epic-events.q2w3e4r5t6y7u8i9o0p1aZ.wasm"));
        assert!(is_content_hashed("epic-events.q2w3e4r5t6y7u8i9o0p1-_.css"));
        assert!(!is_content_hashed("epic-events.wasm"));
        assert!(!is_content_hashed("epic-events.css"));
        assert!(!is_content_hashed("epic-events_bg.wasm.d.ts"));
        assert!(!is_content_hashed(".q2w3e4r5t6y7u8i9o0p1aZ.js"));
        assert!(!is_content_hashed("epic-events.q2w3e4r5t6y7u8i9o0p1a!.js"));
    }
}
