using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DemandMobility.Rpc.Server;

/// <summary>Registers gRPC services on ASP.NET Core endpoint routing.</summary>
public static class RpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="RpcServerOptions"/> (limits, interceptors) used by <see cref="MapRpcService"/>.
    /// </summary>
    public static IServiceCollection AddRpcServer(this IServiceCollection services, Action<RpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<RpcServerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Maps every method of <paramref name="service"/> as a POST endpoint at its full name, plus a catch-all
    /// per service that answers UNIMPLEMENTED for unknown methods. The returned builder applies conventions
    /// (e.g. <c>RequireAuthorization()</c>) to all of them.
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="service">The methods and handlers.</param>
    /// <param name="options">Options for this service; default: those from <see cref="AddRpcServer"/> (or defaults).</param>
    public static IEndpointConventionBuilder MapRpcService(this IEndpointRouteBuilder endpoints,
        ServerServiceDefinition service, RpcServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        options ??= endpoints.ServiceProvider.GetService<IOptions<RpcServerOptions>>()?.Value ?? new RpcServerOptions();
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in service.Methods)
        {
            builders.Add(endpoints.MapPost(method.FullName, method.CreateRequestDelegate(options))
                .WithDisplayName("gRPC " + method.FullName));
        }

        foreach (var serviceName in service.Methods.Select(m => m.ServiceName).Distinct())
        {
            builders.Add(endpoints.MapPost("/" + serviceName + "/{method}", UnimplementedAsync)
                .WithDisplayName("gRPC unimplemented method of " + serviceName));
        }

        return new CompositeConventionBuilder(builders);
    }

    /// <summary>
    /// Answers UNIMPLEMENTED for POSTs to <c>/{service}/{method}</c> that no mapped service handles. Opt-in,
    /// because the pattern also catches other two-segment POST routes that have no literal endpoint.
    /// </summary>
    public static IEndpointConventionBuilder MapRpcUnknownServiceFallback(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost("/{service}/{method}", UnimplementedAsync).WithDisplayName("gRPC unknown service");
    }

    private static Task UnimplementedAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        return new ServerCallResponse(http, new RpcServerOptions()).FinishAsync(
            new Status(StatusCode.Unimplemented, $"Method '{path}' is not implemented by this server."), null);
    }

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
