use std::process::ExitCode;

// Reports build many small strings and an import many short-lived rows:
// mimalloc is measurably faster at both than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `COMPLETE=bash claims -- claims timeline kur` answers the shell's TAB
    clap_complete::CompleteEnv::with_factory(claims::cli::command).complete();
    let cli = claims::cli::parse();
    match claims::run(cli) {
        Ok(code) => code,
        Err(err) if claims::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // input quoted in a message is shown as inert text, like tables
            eprintln!("{}", claims::terminal::error_message(&claims::output::inert(&claims::describe(&err))));
            claims::exit_code(&err)
        }
    }
}
