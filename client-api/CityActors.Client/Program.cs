return await CityActors.Client.Cli.CityCtl.RunAsync(args);
