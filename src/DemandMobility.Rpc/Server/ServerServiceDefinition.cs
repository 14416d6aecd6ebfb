using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace DemandMobility.Rpc.Server;

/// <summary>
/// The methods of one or more services with their handlers, ready to be mapped with
/// <see cref="RpcEndpointRouteBuilderExtensions.MapRpcService"/>. Build it with <see cref="CreateBuilder"/>.
/// </summary>
public sealed class ServerServiceDefinition
{
    private ServerServiceDefinition(IReadOnlyList<IServerMethodBinding> methods) => Methods = methods;

    internal IReadOnlyList<IServerMethodBinding> Methods { get; }

    /// <summary>Full names (<c>/package.Service/Method</c>) of all methods.</summary>
    public IEnumerable<string> MethodFullNames => Methods.Select(m => m.FullName);

    /// <summary>Starts an empty definition.</summary>
    public static Builder CreateBuilder() => new();

    /// <summary>Collects method/handler pairs.</summary>
    public sealed class Builder
    {
        private readonly List<IServerMethodBinding> _methods = [];

        /// <summary>Adds a unary method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
            UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.Unary, new ServerMethodBinding<TRequest, TResponse>(method) { Unary = handler });

        /// <summary>Adds a server-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
            ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.ServerStreaming, new ServerMethodBinding<TRequest, TResponse>(method) { ServerStreaming = handler });

        /// <summary>Adds a client-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
            ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.ClientStreaming, new ServerMethodBinding<TRequest, TResponse>(method) { ClientStreaming = handler });

        /// <summary>Adds a bidirectional-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
            DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.DuplexStreaming, new ServerMethodBinding<TRequest, TResponse>(method) { Duplex = handler });

        /// <summary>Finishes the definition.</summary>
        public ServerServiceDefinition Build() => new(_methods.ToArray());

        private Builder Add<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType handlerType,
            ServerMethodBinding<TRequest, TResponse> binding)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
        {
            ArgumentNullException.ThrowIfNull(method);
            if (method.Type != handlerType)
            {
                throw new ArgumentException(
                    $"Method '{method.FullName}' is {method.Type} but its handler is for {handlerType} calls.", nameof(method));
            }

            if (_methods.Any(m => m.FullName == method.FullName))
            {
                throw new ArgumentException($"Method '{method.FullName}' was added twice.", nameof(method));
            }

            _methods.Add(binding);
            return this;
        }
    }
}

/// <summary>A method with its handler, type-erased so definitions can hold mixed message types.</summary>
internal interface IServerMethodBinding
{
    string FullName { get; }

    string ServiceName { get; }

    RequestDelegate CreateRequestDelegate(RpcServerOptions options);
}

internal sealed class ServerMethodBinding<TRequest, TResponse>(Method<TRequest, TResponse> method) : IServerMethodBinding
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method<TRequest, TResponse> Method { get; } = method;

    public UnaryServerMethod<TRequest, TResponse>? Unary { get; init; }

    public ServerStreamingServerMethod<TRequest, TResponse>? ServerStreaming { get; init; }

    public ClientStreamingServerMethod<TRequest, TResponse>? ClientStreaming { get; init; }

    public DuplexStreamingServerMethod<TRequest, TResponse>? Duplex { get; init; }

    public string FullName => Method.FullName;

    public string ServiceName => Method.ServiceName;

    public RequestDelegate CreateRequestDelegate(RpcServerOptions options)
        => new ServerCallHandler<TRequest, TResponse>(this, options).HandleAsync;
}
