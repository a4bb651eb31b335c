//! The Content-Security-Policy, shared by the page renderer (which knows the nonce) and the
//! middleware that covers every other response.

/// No inline script runs unless it carries this response's nonce; WebAssembly may compile.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_never_allows_inline_scripts_without_the_nonce() {
        let policy = content_security_policy(Some("abc"));
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!content_security_policy(None).contains("nonce"));
    }
}
