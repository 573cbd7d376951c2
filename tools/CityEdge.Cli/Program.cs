using CityEdge.Cli;

return await CityEdgeCli.RunAsync(args, CliConsole.FromProcess());
