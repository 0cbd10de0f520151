//! Compiles the vendored encoder (`csrc/e5.c`, MIT) together with the word
//! wrapper (`csrc/e5_words.c`) into one static library. AVX2/FMA and OpenMP
//! are used when the compiler targets x86_64 and accepts them; otherwise the
//! portable scalar path of e5.c is built, single-threaded.

fn main() {
    println!("cargo:rerun-if-changed=csrc/e5.c");
    println!("cargo:rerun-if-changed=csrc/e5.h");
    println!("cargo:rerun-if-changed=csrc/e5_words.c");
    println!("cargo:rerun-if-env-changed=VEILLE_E5_PORTABLE");
    let mut build = cc::Build::new();
    build
        .file("csrc/e5_words.c")
        .include("csrc")
        .opt_level(3)
        .warnings(false);
    let x86 = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64");
    let portable = std::env::var_os("VEILLE_E5_PORTABLE").is_some();
    if x86 && !portable {
        build.flag_if_supported("-mavx2").flag_if_supported("-mfma");
    }
    let omp = !portable && build.is_flag_supported("-fopenmp").unwrap_or(false);
    if omp {
        build.flag("-fopenmp");
    }
    build.compile("veille_e5");
    if omp {
        println!("cargo:rustc-link-lib=gomp");
    }
    println!("cargo:rustc-link-lib=m");
}
