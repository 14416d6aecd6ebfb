namespace DemandMobility.Dispatch.Geo;

/// <summary>
/// Names a stop position for riders and drivers ("Bindlach, Bayreuther Straße 12", "Rathaus"). Implementations answer
/// from memory (a prebuilt index): the engine calls it while quoting and building manifests, so it must do no I/O.
/// </summary>
public interface IStopNamer
{
    /// <summary>The name of the place at <paramref name="point"/>, or null when nothing near has a name.</summary>
    string? NameOf(GeoPoint point);
}
