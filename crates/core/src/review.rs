//! The review path: automatic approval (自动审核) or manual review (人工审核).
