// phieu: the command table and nothing else. Exit 0 ok, 1 failure, 2 usage error; failures are
// printed as "phieu: message" on stderr.

#include <iostream>

#include "cli/commands.h"
#include "core/version.h"

namespace {

constexpr phieu::AddCommand kCommands[] = {
    phieu::AddInitCommand,
    phieu::AddSurveysCommand,
    phieu::AddSampleCommand,
    phieu::AddDemoCommand,
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "phieu: paper satisfaction surveys of public administrative services, from the sample "
      "list to the published index"};
  app.name("phieu");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(phieu::kPhieuVersion));
  phieu::Action action;
  for (phieu::AddCommand add : kCommands) add(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "phieu: " << e.what() << "\nRun 'phieu --help' for the commands and options.\n";
    return 2;
  }
  try {
    const phieu::Status status = action();
    if (!status.ok()) {
      std::cerr << "phieu: " << status.message() << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "phieu: internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
