# syntax=docker/dockerfile:1
# Build stage: restore pinned packages, build the solution, publish the server and the CLI,
# and build the default routing graph so the image starts without pre-processing.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet restore DemandMobility.sln
RUN dotnet publish src/DemandMobility.Server -c Release -o /app/server --no-restore \
 && dotnet publish src/DemandMobility.Cli -c Release -o /app/cli --no-restore
RUN mkdir -p /app/routing-data \
 && cp routing-data/north-bayreuth.osm.pbf /app/routing-data/ \
 && dotnet /app/cli/dm.dll routing build /app/routing-data/north-bayreuth.osm.pbf

# Runtime stage: ASP.NET runtime only.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/server ./server
COPY --from=build /app/cli ./cli
COPY --from=build /app/routing-data ./routing-data
# The dashboard's HTTP/1.1 endpoint (browsers cannot use the cleartext HTTP/2 gRPC port) listens on all interfaces here.
ENV DM_DataDirectory=/data \
    DM_RoutingDataDirectory=/app/routing-data \
    DM_Dashboard__Url=http://0.0.0.0:8160
VOLUME /data
EXPOSE 8080 8160
ENTRYPOINT ["dotnet", "/app/server/DemandMobility.Server.dll", "--urls", "http://0.0.0.0:8080"]
