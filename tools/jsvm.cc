// jsvm: the command-line tool (filled in by tools/cli-*.cc).
int JsvmMain(int argc, char** argv);
int main(int argc, char** argv) { return JsvmMain(argc, argv); }
