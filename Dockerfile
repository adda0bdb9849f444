# The platform as an image, built from ./mvnw -DskipTests install output:
#   ./mvnw -B -DskipTests install && docker build -t provingground .
# It runs with the prod profile against the PostgreSQL and OpenSearch that docker-compose.yml starts. The scenario,
# rubric, project and session-prompt folders are part of the image. npm installs the stacks' dependencies; node and nginx
# run stacks when the provisioner is local (compose uses the Docker provisioner instead).
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl nodejs npm nginx && rm -rf /var/lib/apt/lists/* \
  && useradd --system --home /app provingground
WORKDIR /app
COPY engine/target/engine-0.1.0-SNAPSHOT.jar /app/engine.jar
RUN java -Djarmode=tools -jar engine.jar extract --destination /app/extracted && rm engine.jar
COPY scenarios /app/scenarios
COPY rubrics /app/rubrics
COPY projects /app/projects
COPY sessions /app/sessions
RUN mkdir -p /app/data && chown provingground /app/data
USER provingground
ENV SPRING_PROFILES_ACTIVE=prod PROVINGGROUND_DATA_DIR=/app/data \
  PROVINGGROUND_SCENARIOS_DIR=/app/scenarios PROVINGGROUND_RUBRICS_DIR=/app/rubrics \
  PROVINGGROUND_PROJECTS_DIR=/app/projects PROVINGGROUND_SESSION_PROMPTS=/app/sessions/prompts.yaml
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/extracted/engine-0.1.0-SNAPSHOT.jar"]
