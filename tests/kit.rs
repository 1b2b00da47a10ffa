//! The conformance kit run as its users run it: `nss-simulator kit`, against the reference
//! clients (every client scenario passes) and the faulty ones (each is caught).
