from tiepdan.cli import main

main()
