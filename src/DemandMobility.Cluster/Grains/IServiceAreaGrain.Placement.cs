namespace DemandMobility.Cluster.Grains;

public partial interface IServiceAreaGrain
{
    /// <summary>
    /// Moves this area to <paramref name="target"/> once it is idle (Orleans' grain migration with a placement
    /// hint): the activation deactivates (writing a snapshot) and the area activates on the target, replaying its
    /// log from PostgreSQL. Confirmed bookings move with the log; open offers and quote answers are handed over in the
    /// migration (<c>IGrainMigrationParticipant</c>).
    /// </summary>
    [Alias("MoveTo")]
    Task MoveToAsync(SiloAddress target);
}
