// phieu: the command table and nothing else: every command's options, declared here, and the
// Run* function (cli/commands.h, in the command's own file) each calls. This is the only file that
// includes CLI11, a heavy header that cost a third of the build's compile time when each command
// file included it. Exit 0 ok, 1 failure, 2 usage error; failures are printed as
// "phieu: message" on stderr.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include "cli/commands.h"
#include "core/text.h"
#include "core/version.h"
#include "store/sample_store.h"

namespace phieu {
namespace {

// What runs once the command line is parsed: the chosen command's Run* call, set by its callback.
using Action = std::function<Status()>;
using AddCommand = void (*)(CLI::App& app, Action& action);

// Adds the --db option every database command takes (default: $PHIEU_DB, else ./phieu.db).
void AddDatabaseOption(CLI::App& command, std::string& db) {
  command.add_option("--db", db, "Database file (default: $PHIEU_DB, else ./phieu.db)");
}

void AddInitCommand(CLI::App& app, Action& action) {
  struct Args {
    std::string db, survey, period;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("init", "Create a survey database");
  cmd->add_option("--survey", args->survey, "A built-in survey name or a survey YAML file")
      ->required();
  cmd->add_option("--period", args->period,
                  "The run's period: a year (2026), a quarter (2026-Q3) or a month (2026-07)");
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] {
    action = [args] { return RunInit(args->db, args->survey, std::cout, args->period); };
  });
}

void AddPeriodCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand(
      "period", "The period the survey run belongs to (fixed once answers come in)");
  auto set = std::make_shared<std::pair<std::string, std::string>>();  // db, period
  CLI::App* cmd = group->add_subcommand("set", "Set the period, before the first scan or import");
  cmd->add_option("PERIOD", set->second, "2026, 2026-Q3 or 2026-07")->required();
  AddDatabaseOption(*cmd, set->first);
  cmd->callback([set, &action] {
    action = [set] { return RunPeriodSet(set->first, set->second, std::cout); };
  });
  auto show = std::make_shared<std::string>();
  CLI::App* s = group->add_subcommand("show", "Print the period");
  AddDatabaseOption(*s, *show);
  s->callback([show, &action] { action = [show] { return RunPeriodShow(*show, std::cout); }; });
}

void AddChannelCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand(
      "channel", "Answers collected through other channels than paper (tablet, SMS, phone, web)");
  auto args = std::make_shared<ChannelImportArgs>();
  CLI::App* cmd = group->add_subcommand(
      "import", "Import a channel's CSV export through a mapping file: all of it or nothing");
  cmd->add_option("FILE", args->file, "The channel's export (CSV, UTF-8, a header row)")
      ->required();
  cmd->add_option("--channel", args->channel, "tablet, sms, phone or web")->required();
  cmd->add_option("--map", args->map,
                  "The mapping file (YAML): columns to questions, values to options")
      ->required();
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] { action = [args] { return RunChannelImport(*args, std::cout); }; });
}

// The report's official heading, for `report` and `audit export` (`suffix` ends each help).
void AddReportIssuerOptions(CLI::App& cmd, ReportIssuer& issuer, const std::string& suffix) {
  const auto help = [&](const std::string& text) { return text + suffix; };
  cmd.add_option("--parent-agency", issuer.parent_agency,
                 help("Agency above the issuer, printed above it (e.g. \"UBND TỈNH …\"; "
                      "default: none)"));
  cmd.add_option("--issuer", issuer.agency,
                 help("Issuing office (e.g. \"SỞ NỘI VỤ\"; default: the survey's first title "
                      "line)"));
  cmd.add_option("--place", issuer.place,
                 help("Place in the place-and-date line (default: a blank to fill by hand)"));
  cmd.add_option("--number", issuer.number,
                 help("Document number after \"Số: \" (e.g. \"125/BC-SNV\"; default: "
                      "\"……/BC\", numbered by hand on issue)"));
  cmd.add_option("--issued-on", issuer.date,
                 help("Date the report is signed, YYYY-MM-DD (default: the date the data is as "
                      "of)"));
}

void AddAuditBundleCommands(CLI::App& audit, Action& action) {
  auto args = std::make_shared<AuditExportArgs>();
  CLI::App* e = audit.add_subcommand(
      "export", "Write the bundle an auditor checks on their own machine (manifest, root hash)");
  e->add_option("DIR", args->dir, "A new folder for the bundle")->required();
  e->add_flag("--redact", args->redact, "Remove names, addresses, phones and extra columns");
  e->add_option("--period", args->period, "The bundled report's period (as phieu report)");
  e->add_option("--units", args->units, "The bundled report's units (as phieu report)");
  e->add_option("--date", args->date, "The bundled report's date (as phieu report)");
  e->add_option("--formula", args->formula, "The bundled report's formula file (as phieu report)");
  AddReportIssuerOptions(*e, args->issuer, " (the bundled report; as phieu report)");
  AddDatabaseOption(*e, args->db);
  e->callback([args, &action] { action = [args] { return RunAuditExport(*args, std::cout); }; });

  auto check = std::make_shared<AuditCheckArgs>();
  CLI::App* c = audit.add_subcommand(
      "check",
      "Check a bundle: manifest, log, archive, re-reading (a share drawn from --seed, or --all), "
      "report (exit 1 on a failure)");
  c->add_option("DIR", check->dir, "The bundle's folder")->required();
  c->add_option("--root", check->root, "The published root hash to compare with");
  c->add_option("--seed", check->seed,
                "Read again a share of the pages, drawn from this seed: any text the auditor "
                "chooses (e.g. name and date); printed with the pages drawn, so anyone can repeat "
                "it. One of --seed and --all is required; the other checks always run in full");
  c->add_option("--share", check->share, "With --seed: the share of the read pages drawn")
      ->check(CLI::Range(0.0001, 1.0))
      ->capture_default_str();
  c->add_flag("--all", check->all,
              "Read every page again (slow: an hour or more at national size)");
  c->callback([check, &action] { action = [check] { return RunAuditCheck(*check, std::cout); }; });
}

void AddAuditCommand(CLI::App& app, Action& action) {
  CLI::App* audit = app.add_subcommand("audit", "The auditors' re-check (phúc tra) and bundles");

  auto draw = std::make_shared<AuditDrawArgs>();
  CLI::App* d = audit->add_subcommand(
      "draw",
      "Draw the accepted forms to re-check from a published seed; write the retrieval list");
  d->add_option("--seed", draw->seed, "The published seed (required for the first draw)");
  d->add_option("--rate", draw->rate, "Share of the accepted forms to re-check")
      ->capture_default_str();
  d->add_option("--by", draw->by, "Draw within each unit or collector: unit | collector");
  d->add_option("--unreturned-rate", draw->unreturned_rate,
                "Share of the issued forms never returned whose person is asked whether they "
                "received the form (the delivery check; 0 = none)")
      ->capture_default_str();
  d->add_option("--pdf", draw->pdf, "Retrieval list PDF")->capture_default_str();
  d->add_option("--csv", draw->csv, "Retrieval list CSV")->capture_default_str();
  AddDatabaseOption(*d, draw->db);
  d->callback([draw, &action] { action = [draw] { return RunAuditDraw(*draw, std::cout); }; });

  auto sheet = std::make_shared<AuditSheetArgs>();
  CLI::App* s = audit->add_subcommand(
      "sheet", "Print blind re-reading sheets for the drawn forms (no machine readings)");
  s->add_option("--out", sheet->out, "PDF file to write")->required();
  s->add_option("--csv", sheet->csv, "Also write the CSV the auditors fill in");
  AddDatabaseOption(*s, sheet->db);
  s->callback([sheet, &action] { action = [sheet] { return RunAuditSheet(*sheet, std::cout); }; });

  auto record = std::make_shared<AuditRecordArgs>();
  CLI::App* r =
      audit->add_subcommand("record", "Import the auditors' readings and contact outcomes");
  r->add_option("FILE", record->file, "CSV in the answers export's format plus 'outcome'")
      ->required();
  r->add_option("--by", record->by, "Who re-read the forms")->required();
  AddDatabaseOption(*r, record->db);
  r->callback(
      [record, &action] { action = [record] { return RunAuditRecord(*record, std::cout); }; });

  auto compare = std::make_shared<AuditCompareArgs>();
  CLI::App* cmp = audit->add_subcommand(
      "compare", "Compare the auditors' readings with the machine's; write the audit PDF");
  cmp->add_option("--out", compare->out, "PDF file to write")->required();
  cmp->add_option("--min-agreement", compare->min_agreement,
                  "Agreement (percent of items) needed to pass")
      ->capture_default_str();
  AddDatabaseOption(*cmp, compare->db);
  cmp->callback(
      [compare, &action] { action = [compare] { return RunAuditCompare(*compare, std::cout); }; });

  AddAuditBundleCommands(*audit, action);
}

void AddDemoCommand(CLI::App& app, Action& action) {
  struct Args {
    std::string dir = "phieu-demo";
    int people = 240;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("demo", "Run the pipeline on a generated sample, in a folder of its own");
  cmd->add_option("--dir", args->dir, "Folder for the demo's files (made or reused)")
      ->capture_default_str();
  cmd->add_option("--people", args->people, "Sample size")
      ->capture_default_str()
      ->check(CLI::Range(10, 5000));
  cmd->callback(
      [args, &action] { action = [args] { return RunDemo(args->dir, args->people, std::cout); }; });
}

void AddExportCommand(CLI::App& app, Action& action) {
  CLI::App* exp = app.add_subcommand("export", "Write data for other programs");
  auto answers_args = std::make_shared<ExportAnswersArgs>();
  CLI::App* answers = exp->add_subcommand(
      "answers", "One row per returned form: its status and the answer to every item");
  answers->add_option("--out", answers_args->out, "CSV file to write (UTF-8 with BOM)");
  answers->add_flag("--json", answers_args->json, "Write JSON instead of CSV to --out");
  answers->add_option("--xlsx", answers_args->xlsx,
                      "Excel workbook to write: the answers and a codebook sheet");
  answers->add_flag("--anonymous", answers_args->anonymous,
                    "Leave out form codes and sample ids (for data that is published)");
  answers->add_flag("--with-text", answers_args->with_text,
                    "Add the write-ins people typed, with who and when (never for publication)");
  AddDatabaseOption(*answers, answers_args->db);
  answers->callback([answers_args, &action] {
    action = [answers_args] { return RunExportAnswers(*answers_args, std::cout); };
  });

  auto tallies_args = std::make_shared<ExportTalliesArgs>();
  CLI::App* tallies = exp->add_subcommand(
      "tallies", "The indexes and answer counts of the accepted forms, for Excel");
  tallies->add_option("--out", tallies_args->csv, "CSV file to write (UTF-8 with BOM)");
  tallies->add_option("--xlsx", tallies_args->xlsx, "Excel workbook to write");
  tallies->add_option("--by", tallies_args->by,
                      "Break down by unit, collector, a sample-list column, or a question code");
  tallies->add_option("--formula", tallies_args->formula,
                      "An index formula file (default: the built-in one for the survey)");
  AddDatabaseOption(*tallies, tallies_args->db);
  tallies->callback([tallies_args, &action] {
    action = [tallies_args] { return RunExportTallies(*tallies_args, std::cout); };
  });
}

void AddFormsCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("forms", "Personalised QR-coded forms as PDF");
  {
    auto args = std::make_shared<FormsPrintArgs>();
    CLI::App* cmd = group->add_subcommand(
        "print", "Print one form per sampled person (new codes for those without one)");
    cmd->add_option("--out", args->out, "PDF to write")->required();
    cmd->add_option("--unit", args->unit, "Only this unit's share");
    cmd->add_option("--collector", args->collector, "Only this collector's share");
    cmd->add_flag("--reserves", args->reserves, "Also forms for the unused reserves");
    cmd->add_flag("--draft", args->draft,
                  "Print although the survey has draft items: a trial copy, every page marked "
                  "BẢN THỬ — KHÔNG PHÁT HÀNH");
    cmd->add_option("--threads", args->threads,
                    "Render on this many threads (default 0: every core); the PDF is the same")
        ->check(CLI::Range(0, 256));
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] { action = [args] { return RunFormsPrint(*args, std::cout); }; });
  }
  {
    struct Args {
      std::string db, code, reason, out;
      bool draft = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand(
        "reprint", "Void a lost or spoiled form's code and print a replacement with a new code");
    cmd->add_option("CODE", args->code, "The form code to void")->required();
    cmd->add_option("--reason", args->reason, "Why (lost, spoiled ...)")->required();
    cmd->add_option("--out", args->out, "PDF to write (default reprint-NEWCODE.pdf)");
    cmd->add_flag("--draft", args->draft, "As for 'forms print': a watermarked trial copy");
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] {
      action = [args] {
        return RunFormsReprint(args->db, args->code, args->reason, args->out, args->draft,
                               std::cout);
      };
    });
  }
  {
    struct Args {
      std::string db, collector, out;
      bool csv = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand(
        "delivery-list", "The list each collector carries (the only document with personal data)");
    cmd->add_option("--out", args->out, "File to write (PDF, or CSV with --csv)")->required();
    cmd->add_option("--collector", args->collector, "Only this collector");
    cmd->add_flag("--csv", args->csv, "CSV (UTF-8 with BOM, for spreadsheets) instead of PDF");
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] {
      action = [args] {
        return RunFormsDeliveryList(args->db, args->collector, args->out, args->csv, std::cout);
      };
    });
  }
  {
    struct Args {
      std::string db;
      bool csv = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand(
        "list", "Every issued form with its status and place in the printed PDF");
    cmd->add_flag("--csv", args->csv, "As CSV");
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] {
      action = [args] { return RunFormsList(args->db, args->csv, std::cout); };
    });
  }
  {
    struct Args {
      std::string db, json;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd =
        group->add_subcommand("layout", "Write the form layout (every bubble's position) as JSON");
    cmd->add_option("--json", args->json, "JSON file to write")->required();
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] {
      action = [args] { return RunFormsLayout(args->db, args->json, std::cout); };
    });
  }
}

void AddLogCommand(CLI::App& app, Action& action) {
  struct Args {
    std::string db;
    std::size_t last = 50;
  };
  auto args = std::make_shared<Args>();
  CLI::App* log = app.add_subcommand("log", "The tamper-evident record of every change");

  CLI::App* show = log->add_subcommand("show", "Print the log, oldest first");
  show->add_option("--last", args->last, "Show only the last N events (0 = all)")
      ->capture_default_str();
  AddDatabaseOption(*show, args->db);
  show->callback(
      [args, &action] { action = [args] { return RunLogShow(args->db, args->last, std::cout); }; });

  CLI::App* verify = log->add_subcommand(
      "verify", "Replay the hash chain and check every record against it (exit 1 on a mismatch)");
  AddDatabaseOption(*verify, args->db);
  verify->callback(
      [args, &action] { action = [args] { return RunLogVerify(args->db, std::cout); }; });
}

void AddReportCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "Write the published PDF report");
  cmd->add_option("--out", args->out, "PDF file to write")->required();
  cmd->add_option("--period", args->period,
                  "The period printed when the database holds none (phieu period set)");
  cmd->add_option("--compare", args->compare,
                  "Earlier periods' databases, earliest first, separated by commas: their "
                  "scorecards beside these; the last one's figures item by item, with "
                  "significant changes marked");
  cmd->add_option("--scorecards-csv", args->scorecards_csv,
                  "Also write the 0-10 scorecards per office and period as CSV");
  cmd->add_option("--scorecards-xlsx", args->scorecards_xlsx,
                  "Also write the 0-10 scorecards per office and period as an Excel workbook");
  cmd->add_option("--question-map", args->question_map,
                  "With --compare between questionnaire versions: which question is which (YAML)");
  cmd->add_option("--units", args->units, "Only these units, separated by commas");
  cmd->add_option("--date", args->date,
                  "The date the data is as of (default: the latest date a counted form was "
                  "received)");
  cmd->add_option("--formula", args->formula,
                  "An index formula file (default: the built-in one for the survey)");
  AddReportIssuerOptions(*cmd, args->issuer, "");
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] { action = [args] { return RunReport(*args, std::cout); }; });
}

void AddRescoreCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<RescoreArgs>();
  CLI::App* cmd = app.add_subcommand(
      "rescore", "Re-decide every mark from the stored scores with new thresholds (no rescanning)");
  cmd->add_option("--filled", args->filled,
                  "A pen mark covering this share (0-1) of a bubble is a solid fill");
  cmd->add_option(
      "--empty", args->empty,
      "A bubble with less than this share (0-1) inked, beyond the page's empty bubbles, is empty");
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] { action = [args] { return RunRescore(*args, std::cout); }; });
}

void AddReviewCommand(CLI::App& app, Action& action) {
  struct Args {
    std::string db, kind, item, out;
    ReviewDecideArgs decide;
  };
  auto args = std::make_shared<Args>();
  CLI::App* review = app.add_subcommand("review", "Marks and forms waiting for a person");

  CLI::App* list = review->add_subcommand("list", "List what waits for a person");
  list->add_option("--kind", args->kind, "marks or forms (default: both)");
  AddDatabaseOption(*list, args->db);
  list->callback([args, &action] {
    action = [args] { return RunReviewList(args->db, args->kind, std::cout); };
  });

  CLI::App* show = review->add_subcommand(
      "show", "Crop an item's row of bubbles (or a form's pages) from the archived scans");
  show->add_option("ITEM", args->item, "CODE/ITEM (e.g. ABC-DEF-GHJ/Q9.15) or CODE")->required();
  show->add_option("--out", args->out, "PNG file to write")->required();
  AddDatabaseOption(*show, args->db);
  show->callback([args, &action] {
    action = [args] { return RunReviewShow(args->db, args->item, args->out, std::cout); };
  });

  CLI::App* decide = review->add_subcommand("decide", "Record a person's decision");
  decide->add_option("ITEM", args->decide.item, "CODE/ITEM or CODE")->required();
  decide
      ->add_option("VALUE", args->decide.value,
                   "An option code (several joined by ';' for multiple choice), blank or "
                   "invalid; for a whole form accept or reject")
      ->required();
  decide->add_option("--by", args->decide.by, "Who decides")->required();
  decide->add_option("--note", args->decide.note, "Why");
  AddDatabaseOption(*decide, args->decide.db);
  decide->callback(
      [args, &action] { action = [args] { return RunReviewDecide(args->decide, std::cout); }; });

  auto text_args = std::make_shared<ReviewTextArgs>();
  CLI::App* text = review->add_subcommand(
      "text", "Write-ins: free-text boxes with writing, to transcribe");
  CLI::App* text_list = text->add_subcommand("list", "List the boxes waiting to be transcribed");
  text_list->add_flag("--all", text_args->all,
                      "Every box of the forms that came back, with what was recorded");
  AddDatabaseOption(*text_list, text_args->db);
  text_list->callback([text_args, &action] {
    action = [text_args] { return RunReviewTextList(*text_args, std::cout); };
  });
  CLI::App* text_show =
      text->add_subcommand("show", "Crop a write-in box upright from the archived scan");
  text_show->add_option("BOX", text_args->item, "CODE/BOX (e.g. ABC-DEF-GHJ/Q11)")->required();
  text_show->add_option("--out", text_args->out, "PNG file to write")->required();
  AddDatabaseOption(*text_show, text_args->db);
  text_show->callback([text_args, &action] {
    action = [text_args] { return RunReviewTextShow(*text_args, std::cout); };
  });
  CLI::App* text_record = text->add_subcommand(
      "record", "Record what a box says (a correction is a new record; the latest wins)");
  text_record->add_option("BOX", text_args->item, "CODE/BOX")->required();
  text_record->add_option("--text", text_args->text, "The words as written (UTF-8)");
  text_record->add_option("--as", text_args->as, "illegible or empty, instead of --text");
  text_record->add_option("--by", text_args->by, "Who typed it")->required();
  AddDatabaseOption(*text_record, text_args->db);
  text_record->callback([text_args, &action] {
    action = [text_args] { return RunReviewTextRecord(*text_args, std::cout); };
  });
  CLI::App* text_threshold = text->add_subcommand(
      "threshold", "Show, or set, the inked area (mm²) from which a box is queued");
  text_threshold->add_option("MM2", text_args->mm2, "The new threshold (default 1)");
  text_threshold->add_option("--by", text_args->by, "Who sets it");
  AddDatabaseOption(*text_threshold, text_args->db);
  text_threshold->callback([text_args, &action] {
    action = [text_args] { return RunReviewTextThreshold(*text_args, std::cout); };
  });
}

void AddServeCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the review station: reviewers decide the queue in a web browser");
  cmd->add_option("--port", args->port, "TCP port (default 8080)");
  cmd->add_option("--host", args->host,
                  "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for the "
                  "office network)");
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] { action = [args] { return RunServe(*args, std::cout); }; });
}

void AddUsersCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("users", "The people who may sign in to the review station");
  struct Args {
    std::string db, name, role;
  };
  auto args = std::make_shared<Args>();
  CLI::App* add = group->add_subcommand(
      "add", "Add a person (the password is read from standard input, or asked for)");
  add->add_option("NAME", args->name, "Their name, as they will sign in")->required();
  add->add_option("--role", args->role, "reviewer or supervisor")->required();
  AddDatabaseOption(*add, args->db);
  add->callback([args, &action] {
    action = [args] { return RunUsersAdd(args->db, args->name, args->role, std::cin, std::cout); };
  });
}

void AddSampleCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("sample", "The sample list: import, draw, replace, list");

  {
    struct Args {
      std::string db, file;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd =
        group->add_subcommand("import",
                              "Import a sample list (CSV: id, unit required; name, address, phone, "
                              "procedure, agency, completed_on, collector recognised)");
    cmd->add_option("LIST.csv", args->file, "UTF-8 CSV file with a header row")->required();
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] {
      action = [args] { return RunSampleImport(args->db, args->file, std::cout); };
    });
  }
  {
    auto args = std::make_shared<SampleDrawArgs>();
    CLI::App* cmd = group->add_subcommand(
        "draw", "Draw the sample from a frame, repeatably from a published seed");
    cmd->add_option("--frame", args->frame, "Frame CSV (same columns as a sample list)")
        ->required();
    cmd->add_option("--seed", args->seed, "The published seed")->required();
    auto* size = cmd->add_option("--size", args->size,
                                 "Total sample size, allocated in proportion to stratum size");
    auto* per =
        cmd->add_option("--per-stratum", args->per_stratum, "Draw this many from every stratum");
    auto* margin =
        cmd->add_option("--margin", args->margin,
                        "Total size by Yamane's formula with this margin of error (e.g. 0.05)");
    size->excludes(per)->excludes(margin);
    per->excludes(margin);
    cmd->add_option("--by", args->by, "Stratify by this column (e.g. unit)");
    cmd->add_option("--reserves", args->reserves, "Ordered reserves per stratum")
        ->check(CLI::Range(0, 100000));
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] { action = [args] { return RunSampleDraw(*args, std::cout); }; });
  }
  {
    struct Args {
      std::string db;
      bool csv = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand(
        "show-draw", "Print the draw (seed, method, frame hash, every ticket) for an auditor");
    cmd->add_flag("--csv", args->csv, "Every drawn id with its ticket, as CSV");
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] {
      action = [args] { return RunShowDraw(args->db, args->csv, std::cout); };
    });
  }
  {
    struct Args {
      std::string db, id, reason;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand(
        "replace", "Replace a sampled person by the next reserve of the same stratum");
    cmd->add_option("ID", args->id, "The sampled person's id")->required();
    cmd->add_option("--reason", args->reason, "Why")
        ->required()
        ->check(CLI::IsMember(ReplacementReasons()));
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] {
      action = [args] { return RunSampleReplace(args->db, args->id, args->reason, std::cout); };
    });
  }
  {
    auto args = std::make_shared<SampleListArgs>();
    CLI::App* cmd = group->add_subcommand("list", "List the sample in its order");
    cmd->add_option("--unit", args->unit, "Only this unit");
    cmd->add_flag("--csv", args->csv, "As CSV, every column");
    cmd->add_flag("--all", args->all, "Include unused reserves and replaced members");
    AddDatabaseOption(*cmd, args->db);
    cmd->callback([args, &action] { action = [args] { return RunSampleList(*args, std::cout); }; });
  }
}

void AddScanCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd =
      app.add_subcommand("scan", "Read scanned forms (PNG, JPEG, TIFF, PDF; files or folders)");
  cmd->add_option("PATH", args->paths, "Scan files or folders (searched recursively)");
  cmd->add_option("--batch", args->batch,
                  "Name of this batch; a name used before adds to that batch (default: the "
                  "batch of a half-read file, else a new batch named by the time)");
  cmd->add_option("--operator", args->operator_name, "Who is scanning");
  cmd->add_option("--collector", args->collector, "The collector who handed these forms in");
  cmd->add_option("--received-on", args->received_on,
                  "Date the forms came back, YYYY-MM-DD (default: today)");
  cmd->add_option("--jobs", args->jobs, "Pages read in parallel (default: all cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-megapixels", args->max_megapixels,
                  "Largest page read, in millions of pixels; larger ones are refused before they "
                  "are decoded (default: 69.6, A3 at 600 dpi)")
      ->check(CLI::Range(0.001, 100000.0));
  cmd->add_option(
         "--max-pages", args->max_pages,
         "Most pages in one file; a longer file is refused before it is read (default: 5000)")
      ->check(CLI::Range(1, 1000000));
  CLI::Option* explain = cmd->add_option("--explain", args->explain,
                                         "Draw what the scanner saw on this one image instead");
  CLI::Option* overlay =
      cmd->add_option("--out", args->out, "With --explain: the overlay PNG to write");
  explain->needs(overlay);
  overlay->needs(explain);
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] {
    if (args->explain.empty() && args->paths.empty()) {
      throw CLI::ValidationError("PATH", "name the scan files or folders to read");
    }
    action = [args]() -> Status {
      if (!args->explain.empty()) return RunExplain(args->db, args->explain, args->out, std::cout);
      if (!args->received_on.empty() && !IsIsoDate(args->received_on)) {
        return Status::Error("--received-on '" + args->received_on +
                             "' is not a date written YYYY-MM-DD");
      }
      if (args->operator_name.empty()) {
        const char* user = std::getenv("USER");
        args->operator_name = user ? user : "";
      }
      return RunScan(*args, std::cout);
    };
  });
}

void AddSurveysCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("surveys", "The built-in survey definitions");
  group->add_subcommand("list", "List the built-in surveys")->callback([&action] {
    action = [] { return RunSurveysList(std::cout); };
  });
  auto name = std::make_shared<std::string>();
  CLI::App* show =
      group->add_subcommand("show", "Print a built-in survey as YAML (copy it to make your own)");
  show->add_option("NAME", *name, "Survey name")->required();
  show->callback([name, &action] { action = [name] { return RunSurveysShow(*name, std::cout); }; });
}

void AddTallyCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<TallyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "tally", "Indexes and answer counts of the accepted forms, overall and broken down");
  cmd->add_option("--by", args->by,
                  "Break down by unit, collector, channel, a sample-list column, or a question "
                  "code (A1)");
  cmd->add_flag("--csv", args->csv, "Write the tallies as CSV on standard output");
  cmd->add_option("--formula", args->formula,
                  "An index formula file (default: the built-in one for the survey)");
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] { action = [args] { return RunTally(*args, std::cout); }; });
}

void AddVerifyCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Give every issued form and every returned code a verdict, with reasons");
  cmd->add_option("--window", args->window,
                  "Fieldwork window FROM..TO (YYYY-MM-DD); pages received outside it do not "
                  "count. Kept for later runs");
  cmd->add_flag("--signals", args->signals,
                "Also list patterns for auditors: identical answers, straight-lining, collectors "
                "who stand out");
  cmd->add_flag("--forms", args->forms, "List every form not accepted, with its notes");
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] { action = [args] { return RunVerify(*args, std::cout); }; });
}

constexpr AddCommand kCommands[] = {
    AddInitCommand,   AddPeriodCommand,  AddSurveysCommand, AddSampleCommand,  AddFormsCommand,
    AddScanCommand,   AddChannelCommand, AddVerifyCommand,  AddReviewCommand,  AddRescoreCommand,
    AddTallyCommand,  AddReportCommand,  AddExportCommand,  AddAuditCommand,   AddLogCommand,
    AddDemoCommand,   AddServeCommand,   AddUsersCommand,
};

constexpr const char* kUsageHint = "\nRun 'phieu --help' for the commands and options.\n";

}  // namespace
}  // namespace phieu

int main(int argc, char** argv) {
  // Tesseract is ~8x slower on 2 cores unless OpenMP is limited to one thread, and OpenMP reads
  // the variable only when the process starts: set it and start again, once.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: then carry on, slower
  }
  CLI::App app{
      "phieu: paper satisfaction surveys of public administrative services, from the sample "
      "list to the published index"};
  app.name("phieu");
  app.set_version_flag("--version", std::string(phieu::kPhieuVersion));
  phieu::Action action;
  for (phieu::AddCommand add : phieu::kCommands) add(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "phieu: " << e.what() << phieu::kUsageHint;
    return 2;
  }
  if (!action) {
    // No command, or a command group without its command ("phieu sample").
    const CLI::App* chosen = &app;
    while (!chosen->get_subcommands().empty()) chosen = chosen->get_subcommands().front();
    std::string names;
    for (const CLI::App* sub : chosen->get_subcommands({})) {
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    const std::string what =
        chosen == &app ? "a command is needed" : "'" + chosen->get_name() + "' needs a command";
    std::cerr << "phieu: " << what << ": " << names << phieu::kUsageHint;
    return 2;
  }
  try {
    const phieu::Status status = action();
    if (!status.ok()) {
      std::cerr << "phieu: " << status.message() << "\n";
      return status.usage_error() ? 2 : 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "phieu: internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
