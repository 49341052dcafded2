//! The unified social credit code (统一社会信用代码, GB 32100) and its check character.
