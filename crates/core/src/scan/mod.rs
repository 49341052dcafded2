//! Reading certificate QR codes from greyscale camera frames and photos.
