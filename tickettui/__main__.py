from tickettui.cli import main

main()
