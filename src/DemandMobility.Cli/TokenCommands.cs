using System.CommandLine;
using DemandMobility.Security;

namespace DemandMobility.Cli;

/// <summary>The <c>token</c> verb: prints a bearer token signed with the server's key, for local clients.</summary>
internal static class TokenCommands
{
    public static IEnumerable<Command> Create()
    {
        var role = new Option<string>("--role") { Description = $"one of {string.Join(", ", Roles.All)}", Required = true };
        var subject = new Option<string>("--subject") { Description = "rider, driver, shop or staff id (the token's sub)", Required = true };
        var vehicle = new Option<string?>("--vehicle") { Description = "the driver's vehicle id (required for --role driver)" };
        var hours = new Option<double>("--hours") { Description = "lifetime in hours", DefaultValueFactory = _ => 12 };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "data folder holding jwt-signing.key (default: DM_DataDirectory, else ~/.local/share/demandmobility)",
        };

        var command = new Command("token", "Print a JWT for calling the dispatcher (signed with the key in the data folder, or DM_Jwt__SigningKey)")
        {
            role, subject, vehicle, hours, dataDir,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var hoursValue = parse.GetValue(hours);
            if (!double.IsFinite(hoursValue) || hoursValue <= 0 || hoursValue > 24 * 366)
            {
                error.WriteLine($"--hours {hoursValue} must be greater than 0 and at most {24 * 366}.");
                return 2;
            }

            try
            {
                var roleValue = parse.GetValue(role)!.Trim().ToLowerInvariant();
                var caller = new CallerContext(roleValue, parse.GetValue(subject)!, roleValue == Roles.Driver ? parse.GetValue(vehicle) : null);
                if (roleValue != Roles.Driver && parse.GetValue(vehicle) is not null)
                {
                    error.WriteLine("--vehicle is only meaningful with --role driver.");
                    return 2;
                }

                var minted = LocalTokenMinter.Mint(caller, TimeSpan.FromHours(hoursValue), parse.GetValue(dataDir));
                output.WriteLine(minted.Token);
                error.WriteLine($"signed with {minted.KeySource}; expires {minted.ExpiresAt:u}");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or SigningKeyException)
            {
                error.WriteLine(ex.Message);
                return 2;
            }
        });
        yield return command;
    }
}
