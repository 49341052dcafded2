//! Vehicle plate numbers, ordinary and new-energy.
