//! The electronic certificate (省际包车电子凭证): format, signing payload, verification pipeline.
