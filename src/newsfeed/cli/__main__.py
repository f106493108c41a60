from newsfeed.cli.app import main

main()
