// phieu: the command table and nothing else. Exit 0 ok, 1 failure, 2 usage error; failures are
// printed as "phieu: message" on stderr.

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "core/version.h"

namespace {

constexpr const char* kUsageHint = "\nRun 'phieu --help' for the commands and options.\n";

constexpr phieu::AddCommand kCommands[] = {
    phieu::AddInitCommand,
    phieu::AddSurveysCommand,
    phieu::AddSampleCommand,
    phieu::AddFormsCommand,
    phieu::AddScanCommand,
    phieu::AddVerifyCommand,
    phieu::AddReviewCommand,
    phieu::AddRescoreCommand,
    phieu::AddTallyCommand,
    phieu::AddReportCommand,
    phieu::AddExportCommand,
    phieu::AddAuditCommand,
    phieu::AddLogCommand,
    phieu::AddDemoCommand,
};

}  // namespace

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
  for (phieu::AddCommand add : kCommands) add(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "phieu: " << e.what() << kUsageHint;
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
    std::cerr << "phieu: " << what << ": " << names << kUsageHint;
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
