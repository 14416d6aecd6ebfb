using Google.Protobuf;

namespace DemandMobility.Rpc;

/// <summary>
/// Describes one RPC: its shape, its name and how to parse its messages. The HTTP/2 <c>:path</c> is
/// <see cref="FullName"/>, i.e. <c>/package.Service/Method</c> as in the protobuf service definition.
/// </summary>
/// <typeparam name="TRequest">Protobuf request message type.</typeparam>
/// <typeparam name="TResponse">Protobuf response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    /// <summary>Creates a method descriptor.</summary>
    /// <param name="type">The call shape.</param>
    /// <param name="serviceName">Fully qualified service name, e.g. <c>demandmobility.v1.Dispatch</c>.</param>
    /// <param name="name">The method name, e.g. <c>SubmitBooking</c>.</param>
    /// <param name="requestParser">Parser of request messages (the generated <c>Parser</c> property).</param>
    /// <param name="responseParser">Parser of response messages.</param>
    public Method(MethodType type, string serviceName, string name,
        MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (serviceName.Contains('/') || name.Contains('/'))
        {
            throw new ArgumentException($"Service name '{serviceName}' and method name '{name}' must not contain '/'.");
        }

        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        RequestParser = requestParser ?? throw new ArgumentNullException(nameof(requestParser));
        ResponseParser = responseParser ?? throw new ArgumentNullException(nameof(responseParser));
    }

    /// <summary>The call shape.</summary>
    public MethodType Type { get; }

    /// <summary>Fully qualified service name.</summary>
    public string ServiceName { get; }

    /// <summary>Method name.</summary>
    public string Name { get; }

    /// <summary><c>/ServiceName/Name</c>, the HTTP/2 path of the method.</summary>
    public string FullName { get; }

    /// <summary>Parser of request messages.</summary>
    public MessageParser<TRequest> RequestParser { get; }

    /// <summary>Parser of response messages.</summary>
    public MessageParser<TResponse> ResponseParser { get; }
}
