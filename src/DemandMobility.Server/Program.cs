using DemandMobility.Server.Hosting;

// Modules are wired in DispatchServerHost.Create (configuration, store, auth, routing, engine, gRPC services).
try
{
    var app = DispatchServerHost.Create(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
{
    // A bad setting or unusable data is an operator error: one clear line, no stack trace.
    await Console.Error.WriteLineAsync("DemandMobility server cannot start: " + message);
    return 1;
}
