//! The filed inter-provincial charter trip (省际包车备案) and its validation.
