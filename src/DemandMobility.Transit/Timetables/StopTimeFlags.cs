namespace DemandMobility.Transit.Timetables;

/// <summary>Per stop time: whether boarding or alighting is not allowed (GTFS pickup_type / drop_off_type = 1).</summary>
internal static class StopTimeFlags
{
    public const byte NoPickup = 1;
    public const byte NoDropOff = 2;
}
