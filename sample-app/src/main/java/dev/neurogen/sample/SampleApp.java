package dev.neurogen.sample;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The sample app: a command-line trainer for networks whose code neurogen generated at compile
 * time (see {@link Networks}). Subcommands {@code train}, {@code evaluate}, {@code predict} and
 * {@code bench}; without a subcommand it runs {@code train} with its defaults (the 8x8 digits).
 *
 * <p>All training, evaluation and model-file work is done by the neurogen training toolkit; this
 * class and its commands only choose data, networks and settings and print the results.
 */
@Command(
    name = "sample-app",
    mixinStandardHelpOptions = true,
    version = "neurogen sample app 0.1.0-SNAPSHOT",
    description = {
      "Trains, evaluates and runs neural networks whose code neurogen generated at compile time.",
      "Without a command it trains the embedded 8x8 digits with good defaults (same as 'train').",
    },
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sample-app.jar                     (the same as: train)",
      "  java -jar sample-app.jar train --list",
      "  java -jar sample-app.jar train --dataset iris --network iris-large",
      "  java -jar sample-app.jar train --dataset fashion --optimizer nesterov",
      "  java -jar sample-app.jar train --csv flowers.csv --label species",
      "  java -jar sample-app.jar evaluate sample-app-output/digits-large.model",
      "  java -jar sample-app.jar predict sample-app-output/digits-large.model rows.csv",
      "  java -jar sample-app.jar bench --dataset fashion",
    })
public final class SampleApp implements Callable<Integer> {
  /** Exit code for a run that failed on bad data, a missing file or a failed training. */
  static final int EXIT_FAILURE = 1;

  @Spec CommandSpec spec;

  /** Standard input, for {@code predict}; tests replace it. */
  final InputStream in;

  /** Standard output, for the commands' results and progress; tests replace it. */
  final PrintStream out;

  private SampleApp(InputStream in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  /** The app object of the command line that {@code spec} belongs to. */
  static SampleApp of(CommandSpec spec) {
    return (SampleApp) spec.root().userObject();
  }

  /** Runs {@code train} with its defaults. */
  @Override
  public Integer call() {
    return spec.commandLine().getSubcommands().get("train").execute();
  }

  /**
   * The configured command line: picocli with this app's error handling (a one-line message for
   * the user's mistakes, exit code 2 for usage errors and 1 for failures, no stack trace).
   *
   * @param in standard input ({@code predict} reads rows from it)
   * @param out standard output (results, progress and help)
   * @param err standard error (messages)
   */
  static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new SampleApp(in, out));
    cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cli.setExecutionExceptionHandler(SampleApp::handleFailure);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine(System.in, System.out, System.err).execute(args));
  }

  private static int handleFailure(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) throws Exception {
    PrintWriter err = cli.getErr();
    if (e instanceof UserException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof dev.neurogen.TrainingDivergedException
        || e instanceof java.io.IOException
        || e instanceof java.io.UncheckedIOException) {
      String message = e.getMessage();
      if (e instanceof java.nio.file.NoSuchFileException) {
        message = "file not found: " + message;
      }
      err.println(cli.getColorScheme().errorText("sample-app " + cli.getCommandName() + ": ")
          + message);
      if (e instanceof UserException user && user.hint() != null) {
        err.println(user.hint());
      }
      err.flush();
      return EXIT_FAILURE;
    }
    throw e;
  }

  /** A failure caused by the user's input (a missing file, data that does not fit), not a bug. */
  static final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    UserException(String message) {
      this(message, null);
    }

    UserException(String message, String hint) {
      super(message);
      this.hint = hint;
    }

    /** What to do about it, or null. */
    String hint() {
      return hint;
    }
  }
}
