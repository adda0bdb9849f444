# The platform as an image, built from ./mvnw -DskipTests install output:
#   ./mvnw -B -DskipTests install && docker build -t provingground .
# It runs with the prod profile against the PostgreSQL and OpenSearch that docker-compose.yml starts.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
  && useradd --system --home /app provingground
WORKDIR /app
COPY engine/target/engine-0.1.0-SNAPSHOT.jar /app/engine.jar
RUN java -Djarmode=tools -jar engine.jar extract --destination /app/extracted && rm engine.jar
USER provingground
ENV SPRING_PROFILES_ACTIVE=prod PROVINGGROUND_DATA_DIR=/app/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/extracted/engine-0.1.0-SNAPSHOT.jar"]
